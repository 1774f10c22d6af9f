#include "conformance/runner/json.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <set>

namespace xcall::json {

const char* KindName(Value::Kind kind) {
  switch (kind) {
    case Value::Kind::kNull: return "null";
    case Value::Kind::kBool: return "boolean";
    case Value::Kind::kNumber: return "number";
    case Value::Kind::kString: return "string";
    case Value::Kind::kArray: return "array";
    case Value::Kind::kObject: return "object";
  }
  return "?";
}

namespace {

[[noreturn]] void WrongKind(Value::Kind want, Value::Kind got) {
  throw JsonError(std::string("expected a JSON ") + KindName(want) + ", found " + KindName(got));
}

}  // namespace

bool Value::AsBool() const {
  if (kind_ != Kind::kBool) WrongKind(Kind::kBool, kind_);
  return bool_;
}

double Value::AsNumber() const {
  if (kind_ != Kind::kNumber) WrongKind(Kind::kNumber, kind_);
  return number_;
}

const std::string& Value::AsString() const {
  if (kind_ != Kind::kString) WrongKind(Kind::kString, kind_);
  return string_;
}

const Value::Array& Value::AsArray() const {
  if (kind_ != Kind::kArray) WrongKind(Kind::kArray, kind_);
  return array_;
}

Value::Array& Value::MutableArray() {
  if (kind_ != Kind::kArray) WrongKind(Kind::kArray, kind_);
  return array_;
}

const Value::Members& Value::AsMembers() const {
  if (kind_ != Kind::kObject) WrongKind(Kind::kObject, kind_);
  return members_;
}

const Value* Value::Find(const std::string& key) const {
  if (kind_ != Kind::kObject) return nullptr;
  for (const auto& [k, v] : members_) {
    if (k == key) return &v;
  }
  return nullptr;
}

Value& Value::Set(const std::string& key, Value value) {
  if (kind_ != Kind::kObject) WrongKind(Kind::kObject, kind_);
  for (auto& [k, v] : members_) {
    if (k == key) {
      v = std::move(value);
      return v;
    }
  }
  members_.emplace_back(key, std::move(value));
  return members_.back().second;
}

void Value::Append(Value value) {
  if (kind_ != Kind::kArray) WrongKind(Kind::kArray, kind_);
  array_.push_back(std::move(value));
}

bool Value::operator==(const Value& other) const {
  if (kind_ != other.kind_) return false;
  switch (kind_) {
    case Kind::kNull: return true;
    case Kind::kBool: return bool_ == other.bool_;
    case Kind::kNumber: return number_ == other.number_;
    case Kind::kString: return string_ == other.string_;
    case Kind::kArray: return array_ == other.array_;
    case Kind::kObject: return members_ == other.members_;
  }
  return false;
}

namespace {

// Recursive-descent reader over the whole text; tracks the position for messages.
class Reader {
 public:
  explicit Reader(const std::string& text) : text_(text) {}

  Value Document() {
    SkipSpace();
    Value v = ParseValue(0);
    SkipSpace();
    if (pos_ != text_.size()) Fail("unexpected text after the JSON value");
    return v;
  }

 private:
  static constexpr int kMaxDepth = 200;

  [[noreturn]] void Fail(const std::string& what) const {
    int line = 1, column = 1;
    for (size_t i = 0; i < pos_ && i < text_.size(); ++i) {
      if (text_[i] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    throw JsonError("line " + std::to_string(line) + ", column " + std::to_string(column) + ": " +
                    what);
  }

  bool AtEnd() const { return pos_ >= text_.size(); }
  char Peek() const { return AtEnd() ? '\0' : text_[pos_]; }

  void SkipSpace() {
    while (!AtEnd() && (Peek() == ' ' || Peek() == '\t' || Peek() == '\n' || Peek() == '\r')) ++pos_;
  }

  void Expect(char c) {
    if (Peek() != c) Fail(std::string("expected '") + c + "'");
    ++pos_;
  }

  void Literal(const char* word) {
    for (const char* p = word; *p; ++p) {
      if (Peek() != *p) Fail(std::string("invalid literal, expected '") + word + "'");
      ++pos_;
    }
  }

  Value ParseValue(int depth) {
    if (depth > kMaxDepth) Fail("nesting deeper than 200 levels");
    if (AtEnd()) Fail("unexpected end of input, expected a value");
    switch (Peek()) {
      case '{': return ParseObject(depth);
      case '[': return ParseArray(depth);
      case '"': return Value(ParseString());
      case 't': Literal("true"); return Value(true);
      case 'f': Literal("false"); return Value(false);
      case 'n': Literal("null"); return Value(nullptr);
      default:
        if (Peek() == '-' || (Peek() >= '0' && Peek() <= '9')) return Value(ParseNumber());
        Fail(std::string("unexpected character '") + Peek() + "'");
    }
  }

  Value ParseObject(int depth) {
    Expect('{');
    Value obj = Value::Object();
    std::set<std::string> seen;
    SkipSpace();
    if (Peek() == '}') {
      ++pos_;
      return obj;
    }
    for (;;) {
      SkipSpace();
      if (Peek() != '"') Fail("expected a string key");
      size_t key_pos = pos_;
      std::string key = ParseString();
      if (!seen.insert(key).second) {
        pos_ = key_pos;
        Fail("duplicate key \"" + key + "\"");
      }
      SkipSpace();
      Expect(':');
      SkipSpace();
      obj.Set(key, ParseValue(depth + 1));
      SkipSpace();
      if (Peek() == ',') {
        ++pos_;
        continue;
      }
      if (Peek() == '}') {
        ++pos_;
        return obj;
      }
      Fail("expected ',' or '}' in object");
    }
  }

  Value ParseArray(int depth) {
    Expect('[');
    Value arr{Value::Array{}};
    SkipSpace();
    if (Peek() == ']') {
      ++pos_;
      return arr;
    }
    for (;;) {
      SkipSpace();
      arr.Append(ParseValue(depth + 1));
      SkipSpace();
      if (Peek() == ',') {
        ++pos_;
        continue;
      }
      if (Peek() == ']') {
        ++pos_;
        return arr;
      }
      Fail("expected ',' or ']' in array");
    }
  }

  double ParseNumber() {
    size_t start = pos_;
    if (Peek() == '-') ++pos_;
    if (Peek() == '0') {
      ++pos_;
    } else if (Peek() >= '1' && Peek() <= '9') {
      while (Peek() >= '0' && Peek() <= '9') ++pos_;
    } else {
      Fail("invalid number");
    }
    if (Peek() == '.') {
      ++pos_;
      if (!(Peek() >= '0' && Peek() <= '9')) Fail("invalid number: digits expected after '.'");
      while (Peek() >= '0' && Peek() <= '9') ++pos_;
    }
    if (Peek() == 'e' || Peek() == 'E') {
      ++pos_;
      if (Peek() == '+' || Peek() == '-') ++pos_;
      if (!(Peek() >= '0' && Peek() <= '9')) Fail("invalid number: digits expected in exponent");
      while (Peek() >= '0' && Peek() <= '9') ++pos_;
    }
    std::string digits = text_.substr(start, pos_ - start);
    double d = std::strtod(digits.c_str(), nullptr);
    if (!std::isfinite(d)) Fail("number out of range");
    return d;
  }

  unsigned Hex4() {
    unsigned v = 0;
    for (int i = 0; i < 4; ++i) {
      char c = Peek();
      v <<= 4;
      if (c >= '0' && c <= '9') v |= c - '0';
      else if (c >= 'a' && c <= 'f') v |= c - 'a' + 10;
      else if (c >= 'A' && c <= 'F') v |= c - 'A' + 10;
      else Fail("invalid \\u escape");
      ++pos_;
    }
    return v;
  }

  static void AppendUtf8(std::string& out, unsigned cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  std::string ParseString() {
    Expect('"');
    std::string out;
    for (;;) {
      if (AtEnd()) Fail("unterminated string");
      char c = text_[pos_];
      if (c == '"') {
        ++pos_;
        return out;
      }
      if (static_cast<unsigned char>(c) < 0x20) Fail("control character in string (escape it)");
      if (c != '\\') {
        out += c;
        ++pos_;
        continue;
      }
      ++pos_;
      char e = Peek();
      ++pos_;
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          unsigned cp = Hex4();
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (Peek() != '\\') Fail("unpaired surrogate in \\u escape");
            ++pos_;
            if (Peek() != 'u') Fail("unpaired surrogate in \\u escape");
            ++pos_;
            unsigned low = Hex4();
            if (low < 0xDC00 || low > 0xDFFF) Fail("unpaired surrogate in \\u escape");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            Fail("unpaired surrogate in \\u escape");
          }
          AppendUtf8(out, cp);
          break;
        }
        default:
          --pos_;
          Fail("invalid escape in string");
      }
    }
  }

  const std::string& text_;
  size_t pos_ = 0;
};

std::string FormatNumber(double d) {
  if (d == std::floor(d) && std::fabs(d) < 1e15) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f", d);
    return buf;
  }
  // Shortest of %.15g/%.17g that reads back exactly.
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.15g", d);
  if (std::strtod(buf, nullptr) != d) std::snprintf(buf, sizeof buf, "%.17g", d);
  return buf;
}

void Write(const Value& v, int indent, int level, std::string& out) {
  auto newline = [&](int lvl) {
    if (indent == 0) return;
    out += '\n';
    out.append(static_cast<size_t>(indent * lvl), ' ');
  };
  switch (v.kind()) {
    case Value::Kind::kNull: out += "null"; return;
    case Value::Kind::kBool: out += v.AsBool() ? "true" : "false"; return;
    case Value::Kind::kNumber: out += FormatNumber(v.AsNumber()); return;
    case Value::Kind::kString: out += Quote(v.AsString()); return;
    case Value::Kind::kArray: {
      const auto& a = v.AsArray();
      if (a.empty()) {
        out += "[]";
        return;
      }
      out += '[';
      for (size_t i = 0; i < a.size(); ++i) {
        if (i) out += ',';
        newline(level + 1);
        Write(a[i], indent, level + 1, out);
      }
      newline(level);
      out += ']';
      return;
    }
    case Value::Kind::kObject: {
      const auto& m = v.AsMembers();
      if (m.empty()) {
        out += "{}";
        return;
      }
      out += '{';
      for (size_t i = 0; i < m.size(); ++i) {
        if (i) out += ',';
        newline(level + 1);
        out += Quote(m[i].first);
        out += indent ? ": " : ":";
        Write(m[i].second, indent, level + 1, out);
      }
      newline(level);
      out += '}';
      return;
    }
  }
}

}  // namespace

Value Parse(const std::string& text) { return Reader(text).Document(); }

std::string Serialize(const Value& value, int indent) {
  std::string out;
  Write(value, indent, 0, out);
  if (indent) out += '\n';
  return out;
}

std::string Quote(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
  return out;
}

}  // namespace xcall::json
