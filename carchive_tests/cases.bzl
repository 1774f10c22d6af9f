"""The conformance cases: which driver runs, with which arguments, and what each one needs.

Machine-readable metadata per case, test262 style. Fields:
  name      the case's name in verdicts, expectations and reports.
  driver    carchive_tests/<driver>.c; the driver takes `args` (argv[1] names the variant).
  args      command-line arguments.
  features  words a runtime's manifest may declare unsupported ("unsupported": {feature: why});
            a case is skipped, with that reason, when it needs any of them.
  mirrors   the Go test in src/cmd/cgo/internal/testcarchive (or elsewhere) it follows.
  env       environment the case must run with (the launcher passes it to the target).
  metric    the metric the driver prints as `XCALL_METRIC <metric>=<float>`, or None. The runner
            gets it in the plan: a run that exits 0 without printing it is a `fail`
            ("declared metric ns_per_call not printed").
  timeout_s (optional) the case's own time limit in seconds, when shorter than the runner's.

Features:
  collect          stop-the-world collection from a callback (scans the C thread's stack)
  deep_c_stack     a callback made with about 40 KB of C stack in use
  nested_callback  C -> runtime -> C -> runtime on one thread
  panic_across_c   a panic unwinding through C frames to a recover in an outer runtime frame
  main_thread      callbacks from the process's main thread
  c_threads        callbacks from threads C created, several at once
  small_c_stack    callbacks from a C thread with a 64 KiB stack
  switched_stack   callbacks after C switched to a stack of its own (ucontext, fiber)
  early_call       a callback from a C constructor, before main
  syscall_path     the runtime's system-call path with tasks migrating between threads
"""

MAXPROCS_2 = {"GOMAXPROCS": "2", "XRT_MAXPROCS": "2"}

CASES = [
    struct(
        name = "deep_stack_sequence",
        driver = "deep_stack",
        args = ["sequence"],
        features = ["main_thread", "deep_c_stack", "collect"],
        mirrors = "TestDeepStack (main9.c, libgo9)",
        env = {},
        metric = None,
    ),
    struct(
        name = "deep_stack_nested",
        driver = "deep_stack",
        args = ["nested"],
        features = ["main_thread", "deep_c_stack", "collect", "nested_callback"],
        mirrors = "TestDeepStack (main9.c, libgo9), nested under a runtime frame",
        env = {},
        metric = None,
    ),
    struct(
        name = "deep_stack_panic_recovered",
        driver = "deep_stack",
        args = ["panic_recovered"],
        features = ["main_thread", "deep_c_stack", "collect", "nested_callback", "panic_across_c"],
        mirrors = "TestDeepStack (main9.c, libgo9), with a panic recovered across C frames",
        env = {},
        metric = None,
    ),
    struct(
        name = "main_thread_calls",
        driver = "main_thread_calls",
        args = ["echo"],
        features = ["main_thread"],
        mirrors = "BenchmarkCgoCallbackMainThread (main10.c, libgo10)",
        env = {},
        metric = "ns_per_call",
    ),
    struct(
        name = "c_thread_calls",
        driver = "c_thread_calls",
        args = ["echo"],
        features = ["c_threads"],
        mirrors = "BenchmarkCgoCallbackMainThread (main10.c, libgo10), on C threads",
        env = {},
        metric = "ns_per_call",
    ),
    struct(
        name = "small_stack_thread",
        driver = "small_stack_thread",
        args = ["collect"],
        features = ["c_threads", "small_c_stack", "collect", "nested_callback"],
        mirrors = "TestDeepStack (main9.c, libgo9), on a C thread with a 64 KiB stack",
        env = {},
        metric = None,
    ),
    struct(
        name = "switched_stack",
        driver = "switched_stack",
        args = ["collect"],
        features = ["main_thread", "switched_stack", "collect", "nested_callback"],
        mirrors = "TestDeepStack (main9.c, libgo9), on a stack C switched to",
        env = {},
        metric = None,
    ),
    struct(
        name = "early_call",
        driver = "early_call",
        args = ["constructor"],
        features = ["early_call", "collect"],
        mirrors = "testcarchive's archive initialisation (main.c, libgo), from a C constructor",
        env = {},
        metric = None,
        # Healthy runs take well under a second even under emulation; runtimes that deadlock
        # here (Go waits for its own initialiser) need not cost the runner's full minute.
        timeout_s = 20,
    ),
    struct(
        name = "syscall_migration",
        driver = "syscall_migration",
        args = ["sum"],
        features = ["syscall_path"],
        mirrors = "runtime TestSyscallN-style calls, with goroutines migrating (maxprocs 2)",
        env = MAXPROCS_2,
        metric = None,
    ),
]

DRIVERS = sorted({case.driver: None for case in CASES}.keys())
