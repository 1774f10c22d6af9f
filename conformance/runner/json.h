// A minimal JSON value, reader and writer for the suite's own files (plans, results,
// expectations, reports).
//
// Why our own: the runner must stay free of third-party code, and the files it handles are
// small and written by us, so the reader only has to be strict and give a precise message
// (line and column) when a hand-edited file is wrong. Objects keep their members in insertion
// order so that files we write are stable and diff well; numbers are doubles, which is all
// the suite's metrics and timings need.
#ifndef XCALL_CONFORMANCE_RUNNER_JSON_H_
#define XCALL_CONFORMANCE_RUNNER_JSON_H_

#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace xcall::json {

// Thrown by Parse with "line L, column C: what was wrong", and by the typed accessors when
// a value has the wrong type.
class JsonError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Value {
 public:
  enum class Kind { kNull, kBool, kNumber, kString, kArray, kObject };
  using Array = std::vector<Value>;
  using Members = std::vector<std::pair<std::string, Value>>;

  Value() = default;
  Value(std::nullptr_t) {}
  Value(bool b) : kind_(Kind::kBool), bool_(b) {}
  Value(double d) : kind_(Kind::kNumber), number_(d) {}
  Value(int i) : kind_(Kind::kNumber), number_(i) {}
  Value(const char* s) : kind_(Kind::kString), string_(s) {}
  Value(std::string s) : kind_(Kind::kString), string_(std::move(s)) {}
  Value(Array a) : kind_(Kind::kArray), array_(std::move(a)) {}

  static Value Object() {
    Value v;
    v.kind_ = Kind::kObject;
    return v;
  }

  Kind kind() const { return kind_; }
  bool is_null() const { return kind_ == Kind::kNull; }
  bool is_bool() const { return kind_ == Kind::kBool; }
  bool is_number() const { return kind_ == Kind::kNumber; }
  bool is_string() const { return kind_ == Kind::kString; }
  bool is_array() const { return kind_ == Kind::kArray; }
  bool is_object() const { return kind_ == Kind::kObject; }

  // Typed access; throws JsonError naming the expected and the actual type.
  bool AsBool() const;
  double AsNumber() const;
  const std::string& AsString() const;
  const Array& AsArray() const;
  Array& MutableArray();
  const Members& AsMembers() const;

  // Object access. Find returns nullptr when absent (or when this is not an object).
  const Value* Find(const std::string& key) const;
  // Sets key, replacing an existing member in place or appending a new one.
  Value& Set(const std::string& key, Value value);
  void Append(Value value);

  bool operator==(const Value& other) const;

 private:
  Kind kind_ = Kind::kNull;
  bool bool_ = false;
  double number_ = 0;
  std::string string_;
  Array array_;
  Members members_;
};

const char* KindName(Value::Kind kind);

// Parses exactly one JSON document (RFC 8259; no comments, no trailing commas, no
// duplicate keys). Throws JsonError with line and column.
Value Parse(const std::string& text);

// Writes compact JSON when indent is 0, otherwise pretty-printed with that many spaces per
// level. Numbers that are integral print without a fraction; others print with enough
// digits to read back the same double.
std::string Serialize(const Value& value, int indent = 2);

// Quotes and escapes s as a JSON string literal.
std::string Quote(const std::string& s);

}  // namespace xcall::json

#endif  // XCALL_CONFORMANCE_RUNNER_JSON_H_
