#include "conformance/runner/wine_exception_message.h"

#include <gtest/gtest.h>

namespace xcall::runner {
namespace {

TEST(WineExceptionMessageTest, KnownPhrasesMapToTheirCodes) {
  struct Case {
    const char* line;
    uint32_t code;
  } cases[] = {
      {"wine: Unhandled page fault on write access to 0000000000000010 at address 0000000140001645 (thread 0024), starting debugger...", 0xC0000005},
      {"wine: Unhandled stack overflow at address 0000000140001645 (thread 0024), starting debugger...", 0xC00000FD},
      {"wine: Unhandled illegal instruction at address 0000000140001645 (thread 0024), starting debugger...", 0xC000001D},
      {"wine: Unhandled privileged instruction at address 1 (thread 0024), starting debugger...", 0xC0000096},
      {"wine: Unhandled division by zero at address 1 (thread 0024), starting debugger...", 0xC0000094},
      {"wine: Unhandled exception 0x80000003 in thread 24 at address 1 (thread 0024), starting debugger...", 0x80000003},
  };
  for (const Case& c : cases) {
    auto found = FindWineUnhandledException(std::string("noise\n") + c.line + "\r\nmore\n");
    ASSERT_TRUE(found.has_value()) << c.line;
    EXPECT_EQ(found->code, c.code) << c.line;
    std::string expected = c.line;
    expected.erase(expected.find(" (thread 0024)"), 14);
    EXPECT_EQ(found->line, expected);
  }
}

TEST(WineExceptionMessageTest, OtherLinesAreNotExceptions) {
  EXPECT_FALSE(FindWineUnhandledException("").has_value());
  EXPECT_FALSE(FindWineUnhandledException("Unhandled page fault (not from wine)\n").has_value());
  EXPECT_FALSE(FindWineUnhandledException("wine: could not load kernel32.dll\n").has_value());
  EXPECT_FALSE(FindWineUnhandledException("wine: Unhandled exception 0xzz\n").has_value());
}

}  // namespace
}  // namespace xcall::runner
