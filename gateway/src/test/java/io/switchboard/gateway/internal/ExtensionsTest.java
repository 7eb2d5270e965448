package io.switchboard.gateway.internal;

import io.switchboard.gateway.channel.ChannelRegistry;
import io.switchboard.gateway.channel.webform.WebFormAdapterFactory;
import io.switchboard.spi.channel.ChannelAdapter;
import io.switchboard.spi.channel.ChannelAdapterFactory;
import io.switchboard.spi.channel.ChannelInitContext;
import io.switchboard.spi.config.ConfigSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExtensionsTest {

    /** A channel type built for a future SPI. */
    static final class FromTheFuture implements ChannelAdapterFactory {
        @Override
        public String type() {
            return "future";
        }

        @Override
        public String spiVersion() {
            return "2.0";
        }

        @Override
        public ConfigSpec configSpec() {
            return ConfigSpec.empty();
        }

        @Override
        public ChannelAdapter create(ChannelInitContext context) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void builtInChannelTypesShouldBeDiscovered() {
        assertThat(ChannelRegistry.discover(getClass().getClassLoader()).types()).contains("web-form", "x", "meta");
    }

    @Test
    void twoFactoriesWithOneNameShouldFailNamingBothClasses() {
        assertThatThrownBy(() -> ChannelRegistry.of(List.of(new WebFormAdapterFactory(), new WebFormAdapterFactory())))
                .hasMessageContaining("two extensions declare channel type 'web-form'")
                .hasMessageContaining(WebFormAdapterFactory.class.getName());
    }

    @Test
    void factoryBuiltForAnIncompatibleSpiShouldFailNamingBothVersions() {
        assertThatThrownBy(() -> ChannelRegistry.of(List.of(new FromTheFuture())))
                .hasMessage("channel type 'future' (" + FromTheFuture.class.getName()
                        + ") was built for SPI 2.0, but this gateway runs SPI 1.0");
    }
}
