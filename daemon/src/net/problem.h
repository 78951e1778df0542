#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <nlohmann/json.hpp>
#include <string_view>

namespace backcoach::net {

namespace http = boost::beast::http;
using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

// An RFC 9457 problem response: Content-Type application/problem+json and a body
// {"type":"about:blank","title":<reason phrase>,"status":<code>,"detail":<detail>}.
Response problem(http::status status, std::string_view detail, unsigned version = 11,
                 bool keep_alive = false);

// A JSON response with the given status.
Response json_response(http::status status, const nlohmann::json& body, unsigned version,
                       bool keep_alive);

// The bytes of a whole HTTP/1.1 problem response with "Connection: close", for
// refusing a connection before any request was read.
std::string serialized_problem(http::status status, std::string_view detail);

}  // namespace backcoach::net
