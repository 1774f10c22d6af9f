#include "conformance/runner/ntstatus.h"

#include <cstdio>

namespace xcall::runner {
namespace {

struct Entry {
  uint32_t code;
  NtStatusMeaning meaning;
};

// Exception codes a runtime or C code under test can die of, and the loader failures that
// mean the driver never ran (a missing DLL is a broken build, not a boundary crash).
constexpr Entry kEntries[] = {
    {0x80000002, {"STATUS_DATATYPE_MISALIGNMENT", true}},
    {0x80000003, {"STATUS_BREAKPOINT", true}},
    {0x80000004, {"STATUS_SINGLE_STEP", true}},
    {0xC0000005, {"STATUS_ACCESS_VIOLATION", true}},
    {0xC0000006, {"STATUS_IN_PAGE_ERROR", true}},
    {0xC0000008, {"STATUS_INVALID_HANDLE", true}},
    {0xC000001D, {"STATUS_ILLEGAL_INSTRUCTION", true}},
    {0xC0000025, {"STATUS_NONCONTINUABLE_EXCEPTION", true}},
    {0xC0000026, {"STATUS_INVALID_DISPOSITION", true}},
    {0xC000008C, {"STATUS_ARRAY_BOUNDS_EXCEEDED", true}},
    {0xC000008D, {"STATUS_FLOAT_DENORMAL_OPERAND", true}},
    {0xC000008E, {"STATUS_FLOAT_DIVIDE_BY_ZERO", true}},
    {0xC000008F, {"STATUS_FLOAT_INEXACT_RESULT", true}},
    {0xC0000090, {"STATUS_FLOAT_INVALID_OPERATION", true}},
    {0xC0000091, {"STATUS_FLOAT_OVERFLOW", true}},
    {0xC0000092, {"STATUS_FLOAT_STACK_CHECK", true}},
    {0xC0000093, {"STATUS_FLOAT_UNDERFLOW", true}},
    {0xC0000094, {"STATUS_INTEGER_DIVIDE_BY_ZERO", true}},
    {0xC0000095, {"STATUS_INTEGER_OVERFLOW", true}},
    {0xC0000096, {"STATUS_PRIVILEGED_INSTRUCTION", true}},
    {0xC00000FD, {"STATUS_STACK_OVERFLOW", true}},
    {0xC0000374, {"STATUS_HEAP_CORRUPTION", true}},
    {0xC0000409, {"STATUS_STACK_BUFFER_OVERRUN", true}},
    {0xC0000135, {"STATUS_DLL_NOT_FOUND", false}},
    {0xC0000139, {"STATUS_ENTRYPOINT_NOT_FOUND", false}},
    {0xC0000142, {"STATUS_DLL_INIT_FAILED", false}},
    {0xC000007B, {"STATUS_INVALID_IMAGE_FORMAT", false}},
};

}  // namespace

std::optional<NtStatusMeaning> DescribeNtStatus(uint32_t code) {
  for (const Entry& e : kEntries) {
    if (e.code == code) return e.meaning;
  }
  return std::nullopt;
}

bool LooksLikeNtStatus(uint32_t code) {
  return (code & 0xC0000000u) == 0xC0000000u || DescribeNtStatus(code).has_value();
}

std::string HexCode(uint32_t code) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%08X", code);
  return buf;
}

}  // namespace xcall::runner
