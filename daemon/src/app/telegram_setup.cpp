#include "app/telegram_setup.h"

#include <filesystem>

#include "telegram/exercise_png.h"
#include "telegram/secret_file.h"

namespace backcoach::app {
namespace {

namespace fs = std::filesystem;

std::string pictures_dir(const TelegramConfig& config, const std::string& web_root) {
  if (!config.pictures_dir.empty()) return config.pictures_dir;
  std::error_code ec;
  const auto installed = fs::path(web_root).parent_path() / "img" / "exercises";
  if (fs::is_directory(installed, ec)) return installed.string();
  return telegram::default_exercise_png_dir();
}

std::optional<std::string> read_secret(const std::string& path, telegram::SecretKind kind,
                                       const service::EventLog& log) {
  auto secret = telegram::read_secret_file(path, kind);
  if (!secret) {
    log.error("telegram_token_unusable", {{"file", path},
                                          {"error", secret.error().message()},
                                          {"hint", telegram::secret_file_hint(kind)}});
    return std::nullopt;
  }
  return std::move(*secret);
}

}  // namespace

std::unique_ptr<telegram::Channel> make_telegram_channel(const TelegramConfig& config,
                                                         const std::string& web_root,
                                                         telegram::Channel::Deps deps) {
  const auto& log = deps.log;
  telegram::Channel::Options options;
  auto token = read_secret(config.token_file, telegram::SecretKind::bot_token, log);
  if (!token) return nullptr;
  options.token = std::move(*token);
  if (config.webhook()) {
    auto secret =
        read_secret(config.webhook_secret_file, telegram::SecretKind::webhook_secret, log);
    if (!secret) return nullptr;
    options.webhook_secret = std::move(*secret);
  }
  options.api_base = config.api_base;
  options.webhook = config.webhook();
  options.webhook_url = config.webhook_url;
  options.extra_ca_file = config.ca_file;
  options.pictures_dir = pictures_dir(config, web_root);
  std::string why;
  auto channel = telegram::Channel::create(std::move(deps), std::move(options), &why);
  if (!channel) {
    log.error("telegram_unusable", {{"error", why}, {"api", config.api_base}});
    return nullptr;
  }
  return std::move(*channel);
}

}  // namespace backcoach::app
