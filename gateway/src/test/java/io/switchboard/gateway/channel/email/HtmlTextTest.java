package io.switchboard.gateway.channel.email;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlTextTest {

    @Test
    void shouldKeepLineBreaksOfBreaksAndBlocks() {
        assertThat(HtmlText.toText("<div>Hello,<br>world</div><div>second</div>")).isEqualTo("Hello,\nworld\nsecond");
    }

    @Test
    void shouldSeparateParagraphsWithBlankLine() {
        assertThat(HtmlText.toText("<p>One</p><p>Two</p>")).isEqualTo("One\n\nTwo");
    }

    @Test
    void shouldDropScriptsStylesAndHead() {
        assertThat(HtmlText.toText("<html><head><title>T</title><style>p{x:1}</style></head><body><p>Hi</p>"
                + "<script>alert('x')</script><noscript>n</noscript></body></html>")).isEqualTo("Hi");
    }

    @Test
    void shouldDecodeEntitiesAndCollapseWhitespace() {
        assertThat(HtmlText.toText("<p>Fish &amp;   chips&nbsp;&mdash; &#x1F41F;\n   tonight</p>"))
                .isEqualTo("Fish & chips \u2014 \ud83d\udc1f tonight");
    }

    @Test
    void shouldWriteListItemsAsDashes() {
        assertThat(HtmlText.toText("<ul><li>one</li><li>two</li></ul>")).isEqualTo("- one\n- two");
    }

    @Test
    void shouldKeepPreformattedText() {
        assertThat(HtmlText.toText("<pre>a\n  b</pre>")).isEqualTo("a\n  b");
    }

    @Test
    void shouldTolerateBrokenMarkup() {
        assertThat(HtmlText.toText("<div><p>unclosed <b>bold<td>cell</i></table>")).contains("unclosed bold")
                .contains("cell");
        assertThat(HtmlText.toText("")).isEmpty();
        assertThat(HtmlText.toText("<<<>>>")).isEqualTo("<<<>>>");
    }
}
