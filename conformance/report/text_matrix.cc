#include "conformance/report/text_matrix.h"

#include <algorithm>

namespace xcall::report {

std::string TextMatrix(const std::vector<MatrixRow>& rows) {
  std::vector<std::vector<std::string>> table = {
      {"runtime", "target", "pass", "fail", "crash", "timeout", "skip", "flaky", "missing", "main thread ns/call",
       "C threads ns/call"}};
  for (const MatrixRow& row : rows) {
    std::vector<std::string> cells = {row.runtime, row.target};
    for (Verdict v : kAllVerdicts) cells.push_back(std::to_string(row.counts.Of(v)));
    cells.push_back(std::to_string(row.flaky));
    cells.push_back(std::to_string(row.missing_runs));
    cells.push_back(FormatCosts(row.main_thread));
    cells.push_back(FormatCosts(row.c_threads));
    table.push_back(cells);
  }
  std::vector<size_t> widths(table[0].size(), 0);
  for (const auto& cells : table) {
    for (size_t i = 0; i < cells.size(); ++i) widths[i] = std::max(widths[i], cells[i].size());
  }
  std::string out;
  for (const auto& cells : table) {
    std::string line;
    for (size_t i = 0; i < cells.size(); ++i) {
      bool numeric = i >= 2 && i <= 8;  // counts align right
      std::string pad(widths[i] - cells[i].size(), ' ');
      line += numeric ? pad + cells[i] : cells[i] + pad;
      if (i + 1 < cells.size()) line += "  ";
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  return out;
}

}  // namespace xcall::report
