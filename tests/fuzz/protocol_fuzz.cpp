// libFuzzer target: one WebSocket text frame's payload through the protocol decoder,
// and any error it answers through the encoder (docs/protocol.md).
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string_view>
#include <variant>

#include "common/utf8.h"
#include "fuzz_check.h"
#include "net/protocol.h"

using namespace backcoach;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view payload(reinterpret_cast<const char*>(data), size);
  const net::DecodeLimits limits;
  const net::Decoded decoded = net::decode_client_frame(payload, limits);
  if (const auto* say = std::get_if<net::SayFrame>(&decoded)) {
    // What reaches the service: a bounded id and text, both valid UTF-8.
    FUZZ_CHECK(!say->id.empty() && say->id.size() <= limits.max_id_bytes);
    FUZZ_CHECK(is_valid_utf8(say->id) && is_valid_utf8(say->text));
    FUZZ_CHECK(count_code_points(say->text) <= limits.max_text_chars);
  } else if (const auto* hello = std::get_if<net::HelloFrame>(&decoded)) {
    FUZZ_CHECK(!hello->token ||
               (!hello->token->empty() && hello->token->size() <= limits.max_token_bytes));
  } else {
    // The error frame the client gets back is valid JSON; it names the say id only
    // when that id was readable and within its limit.
    const auto& error = std::get<net::DecodeError>(decoded);
    const auto frame =
        nlohmann::json::parse(encode_error(error.code, error.re, error.message), nullptr, false);
    FUZZ_CHECK(frame.is_object() && frame["code"] == net::to_string(error.code));
    FUZZ_CHECK(!error.re || (!error.re->empty() && error.re->size() <= limits.max_id_bytes));
  }
  return 0;
}
