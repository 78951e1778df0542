#include "telegram/bot_api.h"

#include <algorithm>
#include <cctype>
#include <utility>

#include "outbound/target.h"
#include "telegram/multipart_form.h"

namespace backcoach::telegram {

using nlohmann::json;

namespace {

// The margin a long poll gets over Telegram's own timeout before we give up on it.
constexpr std::chrono::seconds kLongPollSlack{10};

bool is_token(std::string_view token) {
  const auto colon = token.find(':');
  if (colon == 0 || colon == std::string_view::npos || colon + 1 == token.size()) return false;
  const auto digit = [](unsigned char c) { return std::isdigit(c) != 0; };
  const auto secret = [](unsigned char c) { return std::isalnum(c) != 0 || c == '_' || c == '-'; };
  return std::all_of(token.begin(), token.begin() + static_cast<long>(colon), digit) &&
         std::all_of(token.begin() + static_cast<long>(colon) + 1, token.end(), secret);
}

// The value of an answer's result, read as T; a result of another shape is an error.
template <class T>
Answer<T> read_result(Decoded decoded);

template <>
Answer<bool> read_result<bool>(Decoded decoded) {
  if (decoded.error) return {std::move(decoded.error), false};
  return {{}, decoded.result.is_boolean() && decoded.result.get<bool>()};
}

CallError unexpected(const char* what) {
  CallError e;
  e.code = 502;
  e.description = what;
  return e;
}

template <>
Answer<Message> read_result<Message>(Decoded decoded) {
  if (decoded.error) return {std::move(decoded.error), {}};
  auto message = read_message(decoded.result);
  if (!message) return {unexpected("result is not a Message"), {}};
  return {{}, std::move(*message)};
}

template <>
Answer<std::vector<Update>> read_result<std::vector<Update>>(Decoded decoded) {
  if (decoded.error) return {std::move(decoded.error), {}};
  if (!decoded.result.is_array()) return {unexpected("result is not a list of updates"), {}};
  std::vector<Update> updates;
  for (const auto& item : decoded.result) {
    if (auto update = read_update(item)) updates.push_back(std::move(*update));
  }
  return {{}, std::move(updates)};
}

template <>
Answer<BotUser> read_result<BotUser>(Decoded decoded) {
  if (decoded.error) return {std::move(decoded.error), {}};
  auto user = read_bot_user(decoded.result);
  if (!user) return {unexpected("result is not a bot with a username"), {}};
  return {{}, std::move(*user)};
}

template <>
Answer<json> read_result<json>(Decoded decoded) {
  return {std::move(decoded.error), std::move(decoded.result)};
}

}  // namespace

result<std::unique_ptr<BotApi>> BotApi::create(outbound::HttpsClient& client, std::string api_base,
                                               std::string token) {
  while (!api_base.empty() && api_base.back() == '/') api_base.pop_back();
  if (!is_token(token) || !outbound::parse_target(api_base)) {
    return make_error_code(errc::invalid_argument);
  }
  return std::unique_ptr<BotApi>(new BotApi(client, std::move(api_base), std::move(token)));
}

BotApi::BotApi(outbound::HttpsClient& client, std::string api_base, std::string token)
    : client_(client), api_base_(std::move(api_base)), token_(std::move(token)) {}

std::string BotApi::redact(std::string_view text) const {
  std::string out(text);
  for (auto at = out.find(token_); at != std::string::npos; at = out.find(token_, at)) {
    out.replace(at, token_.size(), "<token>");
  }
  return out;
}

void BotApi::call(std::string_view method, std::string content_type, std::string body,
                  std::optional<std::chrono::milliseconds> timeout,
                  std::function<void(Decoded)> done) {
  outbound::Request request{boost::beast::http::verb::post,
                            api_base_ + "/bot" + token_ + "/" + std::string(method),
                            std::move(content_type), std::move(body), timeout};
  client_.request(std::move(request), [done = std::move(done)](boost::system::error_code ec,
                                                               outbound::Response response) {
    if (ec) {
      CallError e;
      e.transport = ec;
      return done({std::move(e), nullptr});
    }
    done(decode_answer(response));
  });
}

template <class T>
void BotApi::call_json(std::string_view method, const json& params,
                       std::function<void(Answer<T>)> done) {
  call(method, "application/json", params.dump(), std::nullopt,
       [done = std::move(done)](Decoded d) { done(read_result<T>(std::move(d))); });
}

void BotApi::get_updates(const GetUpdates& p,
                         std::function<void(Answer<std::vector<Update>>)> done) {
  call("getUpdates", "application/json", to_params(p).dump(),
       std::chrono::duration_cast<std::chrono::milliseconds>(p.timeout + kLongPollSlack),
       [done = std::move(done)](Decoded d) {
         done(read_result<std::vector<Update>>(std::move(d)));
       });
}

void BotApi::send_message(const SendMessage& p, std::function<void(Answer<Message>)> done) {
  call_json<Message>("sendMessage", to_params(p), std::move(done));
}

void BotApi::answer_callback_query(const AnswerCallbackQuery& p,
                                   std::function<void(Answer<bool>)> done) {
  call_json<bool>("answerCallbackQuery", to_params(p), std::move(done));
}

void BotApi::set_webhook(const SetWebhook& p, std::function<void(Answer<bool>)> done) {
  call_json<bool>("setWebhook", to_params(p), std::move(done));
}

void BotApi::delete_webhook(std::function<void(Answer<bool>)> done) {
  call_json<bool>("deleteWebhook", json::object(), std::move(done));
}

void BotApi::get_me(std::function<void(Answer<BotUser>)> done) {
  call_json<BotUser>("getMe", json::object(), std::move(done));
}

void BotApi::call_method(std::string_view method, const json& params,
                         std::function<void(Answer<json>)> done) {
  call_json<json>(method, params, std::move(done));
}

std::string BotApi::bot_id() const { return token_.substr(0, token_.find(':')); }

void BotApi::send_photo(const SendPhoto& p, std::function<void(Answer<Message>)> done) {
  json params{{"chat_id", p.chat_id}};
  if (!p.caption.empty()) params["caption"] = p.caption;
  if (p.keyboard) params["reply_markup"] = reply_markup(*p.keyboard);
  if (const auto* file_id = std::get_if<std::string>(&p.photo)) {
    params["photo"] = *file_id;
    return call_json<Message>("sendPhoto", params, std::move(done));
  }
  upload_photo(params, std::get<PngUpload>(p.photo), std::move(done));
}

void BotApi::upload_photo(const json& params, const PngUpload& upload,
                          std::function<void(Answer<Message>)> done) {
  MultipartForm form(MultipartForm::random_boundary());
  bool ok = true;
  for (const auto& [key, value] : params.items()) {
    ok = ok && form.add_field(key, value.is_string() ? value.get<std::string>() : value.dump());
  }
  ok = ok && form.add_file("photo", upload.filename, "image/png", upload.bytes);
  if (!ok) {  // a random 128-bit boundary inside the content: practically never
    CallError e;
    e.transport = make_error_code(errc::invalid_argument);
    return done({std::move(e), {}});
  }
  const auto content_type = form.content_type();
  call("sendPhoto", content_type, form.finish(), std::nullopt,
       [done = std::move(done)](Decoded d) { done(read_result<Message>(std::move(d))); });
}

}  // namespace backcoach::telegram
