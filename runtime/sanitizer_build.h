// Which sanitizer this build runs under, told the same way by GCC (which defines
// __SANITIZE_ADDRESS__ / __SANITIZE_THREAD__) and Clang (which has __has_feature; Clang 16
// defines only the first of those macros): XRT_ASAN and XRT_TSAN.
#ifndef XRT_RUNTIME_SANITIZER_BUILD_H_
#define XRT_RUNTIME_SANITIZER_BUILD_H_

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define XRT_ASAN 1
#endif
#if __has_feature(thread_sanitizer)
#define XRT_TSAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) && !defined(XRT_ASAN)
#define XRT_ASAN 1
#endif
#if defined(__SANITIZE_THREAD__) && !defined(XRT_TSAN)
#define XRT_TSAN 1
#endif

#endif  // XRT_RUNTIME_SANITIZER_BUILD_H_
