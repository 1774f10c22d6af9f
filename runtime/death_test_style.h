// The gtest death-test style xrt's tests use on each target.
#ifndef XRT_RUNTIME_DEATH_TEST_STYLE_H_
#define XRT_RUNTIME_DEATH_TEST_STYLE_H_

#include "gtest/gtest.h"

namespace xrt::testing {

// Windows re-runs the test binary for a death test; on Linux the child is forked without
// exec, because under QEMU the binary cannot exec itself. The forked child has only the
// calling thread, so the statements of a death test run on it (through callbacks), never
// needing a runtime thread that existed before the fork.
inline void set_death_test_style() {
#if defined(_WIN32)
  GTEST_FLAG_SET(death_test_style, "threadsafe");
#else
  GTEST_FLAG_SET(death_test_style, "fast");
#endif
}

}  // namespace xrt::testing

#endif  // XRT_RUNTIME_DEATH_TEST_STYLE_H_
