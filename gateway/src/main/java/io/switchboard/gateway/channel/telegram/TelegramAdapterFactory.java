package io.switchboard.gateway.channel.telegram;

import io.switchboard.spi.SpiVersion;
import io.switchboard.spi.channel.ChannelAdapter;
import io.switchboard.spi.channel.ChannelAdapterFactory;
import io.switchboard.spi.channel.ChannelInitContext;
import io.switchboard.spi.config.ConfigKey;
import io.switchboard.spi.config.ConfigProblem;
import io.switchboard.spi.config.ConfigSpec;
import io.switchboard.spi.config.Validator;

import java.util.List;

/**
 * The {@code telegram} channel type: one Telegram bot's webhook; private messages to the bot.
 */
public final class TelegramAdapterFactory implements ChannelAdapterFactory {

    /** The channel type. */
    public static final String TYPE = "telegram";

    /** Telegram's rule for {@code secret_token}; the value itself is never echoed in the problem. */
    private static final Validator SECRET_TOKEN = (path, value) -> ((String) value).matches("^[A-Za-z0-9_-]{1,256}$")
            ? List.of()
            : List.of(ConfigProblem.invalid(path,
                    "must be 1-256 characters of A-Z, a-z, 0-9, _ and - (Telegram's rule for secret_token)", null));

    static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigKey.secret("secretToken").required().validate(SECRET_TOKEN)
                    .doc("The `secret_token` you pass to `setWebhook`. Telegram sends it in the "
                            + "`X-Telegram-Bot-Api-Secret-Token` header of every update; requests without it get 401."),
            ConfigKey.string("botId").required().validate(Validator.<String>of(s -> s.matches("^[0-9]{1,20}$"),
                            "must be the bot's numeric id: the part of the bot token before the colon"))
                    .doc("The bot's numeric id: the part of its token before the colon (`123456789` in "
                            + "`123456789:AA…`). `update_id` is unique per bot, so it scopes de-duplication "
                            + "(event id `<botId>:<update_id>`) and names the recipient."),
            ConfigKey.string("botUsername").validate(Validator.<String>of(s -> s.matches("^@?[A-Za-z0-9_]{3,64}$"),
                            "must be a Telegram username such as acme_support_bot"))
                    .doc("The bot's username, shown as the recipient's address (`@acme_support_bot`)."));

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public String description() {
        return "Telegram Bot API webhook: private messages to the bot (text, captions, media by file_id, edits, "
                + "replies), checked with the secret token header.";
    }

    @Override
    public ConfigSpec configSpec() {
        return SPEC;
    }

    @Override
    public ChannelAdapter create(ChannelInitContext context) {
        return new TelegramAdapter(context);
    }
}
