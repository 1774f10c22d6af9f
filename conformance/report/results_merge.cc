#include "conformance/report/results_merge.h"

#include <map>
#include <tuple>

namespace xcall::report {
namespace {

void AddDistinct(std::string& joined, const std::string& value) {
  if (value.empty()) return;
  const std::string wrapped = "; " + joined + "; ";
  if (wrapped.find("; " + value + "; ") != std::string::npos) return;
  joined += joined.empty() ? value : "; " + value;
}

}  // namespace

MergedResults MergeResults(const std::vector<ResultsSource>& sources) {
  MergedResults merged;
  using Key = std::tuple<std::string, std::string, std::string, std::string>;
  std::map<Key, std::pair<size_t, std::string>> seen;  // key -> index in results, source
  for (const ResultsSource& source : sources) {
    AddDistinct(merged.document.suite_version, source.document.suite_version);
    AddDistinct(merged.document.host, source.document.host);
    for (const runner::CaseResult& r : source.document.results) {
      Key key{r.runtime, r.target, r.profile, r.case_name};
      auto it = seen.find(key);
      if (it == seen.end()) {
        seen[key] = {merged.document.results.size(), source.name};
        merged.document.results.push_back(r);
        continue;
      }
      merged.warnings.push_back(r.runtime + " " + r.target + " " + r.profile + " " + r.case_name +
                                ": in " + it->second.second + " and " + source.name + "; keeping " +
                                source.name);
      merged.document.results[it->second.first] = r;
      it->second.second = source.name;
    }
  }
  return merged;
}

}  // namespace xcall::report
