#include "conformance/runner/runner_flags.h"

#include <cmath>
#include <cstdlib>
#include <map>

namespace xcall::runner {

RunnerFlags ParseRunnerFlags(const std::vector<std::string>& args) {
  RunnerFlags flags;
  std::map<std::string, std::string*> text_flags = {{"plan", &flags.plan},
                                                    {"expectations", &flags.expectations},
                                                    {"results", &flags.results},
                                                    {"junit", &flags.junit}};
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg.rfind("--", 0) != 0) throw UsageError("unexpected argument \"" + arg + "\"");
    std::string name = arg.substr(2, arg.find('=') == std::string::npos ? std::string::npos : arg.find('=') - 2);
    bool has_value = arg.find('=') != std::string::npos;
    std::string value = has_value ? arg.substr(arg.find('=') + 1) : "";
    if (name == "help" || name == "h") {
      flags.help = true;
      continue;
    }
    if (name == "update_expectations" || name == "claim_attempt") {
      if (has_value) throw UsageError("--" + name + " takes no value");
      (name == "claim_attempt" ? flags.claim_attempt : flags.update_expectations) = true;
      continue;
    }
    bool is_text = text_flags.count(name) > 0;
    if (!is_text && name != "timeout") throw UsageError("unknown flag \"" + arg + "\"");
    if (!has_value) {
      if (i + 1 >= args.size()) throw UsageError("--" + name + " needs a value");
      value = args[++i];
    }
    if (value.empty()) throw UsageError("--" + name + " needs a non-empty value");
    if (is_text) {
      *text_flags[name] = value;
      continue;
    }
    char* end = nullptr;
    double seconds = std::strtod(value.c_str(), &end);
    if (*end != '\0' || !std::isfinite(seconds) || seconds <= 0) {
      throw UsageError("--timeout needs a positive number of seconds, not \"" + value + "\"");
    }
    flags.timeout_seconds = seconds;
  }
  if (flags.help) return flags;
  for (const char* required : {"plan", "expectations", "results"}) {
    if (text_flags[required]->empty()) throw UsageError(std::string("--") + required + " is required");
  }
  return flags;
}

}  // namespace xcall::runner
