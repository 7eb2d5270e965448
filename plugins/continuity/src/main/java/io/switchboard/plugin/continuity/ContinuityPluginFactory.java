package io.switchboard.plugin.continuity;

import io.switchboard.spi.SpiVersion;
import io.switchboard.spi.config.ConfigKey;
import io.switchboard.spi.config.ConfigSpec;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.config.Validator;
import io.switchboard.spi.plugin.ContactPlugin;
import io.switchboard.spi.plugin.ContactPluginFactory;
import io.switchboard.spi.plugin.PluginInitContext;
import io.switchboard.spi.service.Conversations;

/** The {@code continuity} plugin: one conversation per party across channels, within a window. */
public final class ContinuityPluginFactory implements ContactPluginFactory {

    /** The plugin type name. */
    public static final String NAME = "continuity";

    static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigKey.duration("window").defaultValue("72h").validate(Validator.positiveDuration())
                    .doc("How long a conversation stays open after its last contact: a later contact of the same "
                            + "party, on any channel, joins it."),
            ConfigKey.bool("followThreads").defaultValue(true)
                    .doc("Keep a private contact in the conversation of the provider thread it belongs to (a DM "
                            + "conversation, an email thread, a call), even when its sender is not identified."),
            ConfigKey.bool("statusEvents").defaultValue(false)
                    .doc("Put status events (delivery and read receipts, call progress) in conversations too; off, "
                            + "they neither join nor count."));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public String description() {
        return "Joins a party's contacts across channels into one conversation within a window (default 72h)";
    }

    @Override
    public ConfigSpec configSpec() {
        return SPEC;
    }

    @Override
    public ContactPlugin create(PluginInitContext context) {
        Conversations conversations = context.service(Conversations.class).orElseThrow(() -> new IllegalStateException(
                "the continuity plugin needs the Conversations service, which this gateway does not offer"));
        ConfigValues c = context.config();
        return new ContinuityPlugin(conversations, c.getDuration("window"), c.getBoolean("statusEvents"),
                c.getBoolean("followThreads"));
    }
}
