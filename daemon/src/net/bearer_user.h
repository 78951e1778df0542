#pragma once

#include <optional>
#include <string>

#include "net/router.h"
#include "service/chat_service.h"

namespace backcoach::net {

// The person a request's widget token (Authorization: Bearer <token>) names, or
// nullopt after answering it 401 problem+json with `WWW-Authenticate: Bearer`
// through `send`. Used by the /v1/me routes that modules add.
std::optional<std::string> bearer_user(const Request& req, const service::ChatService& chat,
                                       const Router::Send& send);

// 204 No Content, keeping the connection as the request asked.
Response no_content(unsigned version, bool keep_alive);

}  // namespace backcoach::net
