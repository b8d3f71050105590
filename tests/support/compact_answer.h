#ifndef FAREFLOW_TESTS_SUPPORT_COMPACT_ANSWER_H_
#define FAREFLOW_TESTS_SUPPORT_COMPACT_ANSWER_H_

// What a client of the compact answer form does (docs/api.md, "Compact answers"): rebuild each
// offer of the full form from a compact answer's offers and dictionaries. Written from the
// documentation, apart from the writer, so that a test comparing the rebuilt offers with the full
// answer's checks the writer against what the documentation promises.

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <simdjson.h>

namespace fareflow::testing_support {

namespace compact_answer_detail {

using simdjson::dom::element;

class Rebuilder {
 public:
  Rebuilder(element dictionaries, std::string_view currency)
      : dictionaries_(dictionaries), currency_(currency) {}

  std::string Offer(element offer) {
    std::string out = "{";
    for (auto [key, value] : simdjson::dom::object(offer)) {
      Key(key, out);
      if (key == "price" || key == "price_per_adult" || key == "supplier_price") {
        Money(value, out);
      } else if (key == "passenger_prices") {
        EachItem(value, out, [&](element p) { MoneyMembers(p, {"price_each"}, out); });
      } else if (key == "validating_carrier") {
        Ref(value, "carriers", out);
      } else if (key == "conditions") {
        MoneyMembers(value, {"refund_penalty", "change_penalty"}, out);
        out += ',';
      } else if (key == "slices") {
        EachItem(value, out, [&](element s) { Slice(s, out); });
      } else if (key == "pricing_options") {
        EachItem(value, out, [&](element p) { MoneyMembers(p, {"price", "supplier_price"}, out); });
      } else {
        out += simdjson::minify(value);
        out += ',';
      }
    }
    return Close('}', out);
  }

 private:
  static void Key(std::string_view key, std::string& out) {
    out += '"';
    out += key;
    out += "\":";
  }
  static std::string& Close(char c, std::string& out) {
    if (out.back() == ',') out.pop_back();
    out += c;
    return out;
  }
  template <typename Each>
  static void EachItem(element array, std::string& out, Each each) {
    out += '[';
    for (element item : simdjson::dom::array(array)) {
      each(item);
      out += ',';
    }
    Close(']', out);
    out += ',';
  }

  // A reference (a string) replaced by its entry in dictionaries[dictionary]; anything else as is.
  void Ref(element value, const char* dictionary, std::string& out) {
    std::string_view code;
    if (value.get_string().get(code)) {
      out += simdjson::minify(value);
    } else {
      out += simdjson::minify(dictionaries_[dictionary][code].value());
    }
    out += ',';
  }
  // An amount alone is in the answer's currency.
  void Money(element value, std::string& out) {
    std::string_view amount;
    if (value.get_string().get(amount)) {
      out += simdjson::minify(value);
    } else {
      out += R"({"amount":")" + std::string(amount) + R"(","currency":")" + currency_ + "\"}";
    }
    out += ',';
  }
  // An object whose members `money` are amounts, the others as they are.
  void MoneyMembers(element object, std::vector<std::string_view> money, std::string& out) {
    out += '{';
    for (auto [key, value] : simdjson::dom::object(object)) {
      Key(key, out);
      if (std::find(money.begin(), money.end(), key) != money.end()) {
        Money(value, out);
      } else {
        out += simdjson::minify(value);
        out += ',';
      }
    }
    Close('}', out);
  }
  // A slice: its itinerary's members, with its fare brand before the segments and each segment's
  // fare before the segment's duration_minutes.
  void Slice(element slice, std::string& out) {
    uint64_t index = slice["itinerary"];
    element itinerary = dictionaries_["itineraries"].at(index).value();
    element fares = slice["segments"];
    out += '{';
    for (auto [key, value] : simdjson::dom::object(itinerary)) {
      if (key == "segments") {
        Key("fare_brand", out);
        out += simdjson::minify(slice["fare_brand"]);
        out += ',';
        Key(key, out);
        out += '[';
        std::size_t i = 0;
        for (element flight : simdjson::dom::array(value)) {
          Segment(flight, fares.at(i++).value(), out);
          out += ',';
        }
        Close(']', out);
        out += ',';
      } else if (key == "origin" || key == "destination") {
        Key(key, out);
        Ref(value, "locations", out);
      } else {
        Key(key, out);
        out += simdjson::minify(value);
        out += ',';
      }
    }
    Close('}', out);
  }
  void Segment(element flight, element fare, std::string& out) {
    out += '{';
    for (auto [key, value] : simdjson::dom::object(flight)) {
      if (key == "duration_minutes") {
        for (auto [fare_key, fare_value] : simdjson::dom::object(fare)) {
          Key(fare_key, out);
          out += simdjson::minify(fare_value);
          out += ',';
        }
      }
      Key(key, out);
      if (key == "origin" || key == "destination") {
        Ref(value, "locations", out);
      } else if (key == "marketing_carrier" || key == "operating_carrier") {
        Ref(value, "carriers", out);
      } else if (key == "aircraft") {
        Ref(value, "aircraft", out);
      } else {
        out += simdjson::minify(value);
        out += ',';
      }
    }
    Close('}', out);
  }

  element dictionaries_;
  std::string currency_;
};

}  // namespace compact_answer_detail

// The offers of a compact answer rebuilt in the full form, each minified; empty when the answer
// does not parse or has no dictionaries.
inline std::vector<std::string> RebuildFullOffers(std::string_view compact_answer) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(compact_answer.data(), compact_answer.size()).get(doc)) return {};
  simdjson::dom::element dictionaries;
  std::string_view currency;
  if (doc["dictionaries"].get(dictionaries) || doc["search"]["currency"].get(currency)) return {};
  compact_answer_detail::Rebuilder rebuild(dictionaries, currency);
  std::vector<std::string> out;
  for (simdjson::dom::element offer : doc["offers"].get_array())
    out.push_back(rebuild.Offer(offer));
  return out;
}

// The offers of an answer (of either form) as they are, each minified.
inline std::vector<std::string> OffersAsWritten(std::string_view answer) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(answer.data(), answer.size()).get(doc)) return {};
  std::vector<std::string> out;
  for (simdjson::dom::element offer : doc["offers"].get_array()) {
    out.push_back(simdjson::minify(offer));
  }
  return out;
}

}  // namespace fareflow::testing_support

#endif  // FAREFLOW_TESTS_SUPPORT_COMPACT_ANSWER_H_
