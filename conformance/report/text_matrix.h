// The matrix as aligned plain text, for the terminal and CI logs.
#ifndef XCALL_CONFORMANCE_REPORT_TEXT_MATRIX_H_
#define XCALL_CONFORMANCE_REPORT_TEXT_MATRIX_H_

#include <string>
#include <vector>

#include "conformance/report/certification_matrix.h"

namespace xcall::report {

std::string TextMatrix(const std::vector<MatrixRow>& rows);

}  // namespace xcall::report

#endif  // XCALL_CONFORMANCE_REPORT_TEXT_MATRIX_H_
