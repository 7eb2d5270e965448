package io.switchboard.gateway.channel.email;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

import java.util.Set;

/**
 * Reduces an HTML email body to plain text with jsoup: text in document order, line breaks where block
 * elements and {@code <br>} put them, list items as {@code - item}, no script, style or head content, runs of
 * blank lines collapsed. The input is untrusted; jsoup parses any HTML without executing anything.
 */
final class HtmlText {

    private static final Set<String> BLOCKS = Set.of("address", "article", "aside", "blockquote", "dd", "div", "dl",
            "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
            "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "thead", "tfoot", "tr", "ul");
    private static final Set<String> PARAGRAPHS = Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
            "pre", "table");
    private static final Set<String> SKIP = Set.of("script", "style", "head", "title", "noscript", "template");

    private HtmlText() {
    }

    /**
     * @param html an HTML document or fragment
     * @return its text; empty when it has none
     */
    static String toText(String html) {
        Document doc = Jsoup.parse(html);
        StringBuilder out = new StringBuilder();
        NodeTraversor.traverse(new NodeVisitor() {
            private int skipping;

            @Override
            public void head(Node node, int depth) {
                if (node instanceof Element e) {
                    String tag = e.normalName();
                    if (SKIP.contains(tag)) {
                        skipping++;
                    } else if (skipping == 0) {
                        if (tag.equals("br")) {
                            out.append('\n');
                        } else if (PARAGRAPHS.contains(tag)) {
                            paragraph(out);
                        } else if (BLOCKS.contains(tag)) {
                            newline(out);
                            if (tag.equals("li")) {
                                out.append("- ");
                            }
                        } else if (tag.equals("td") || tag.equals("th")) {
                            if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
                                out.append(' ');
                            }
                        }
                    }
                } else if (node instanceof TextNode t && skipping == 0) {
                    Element parent = t.parent();
                    boolean pre = parent != null && parent.normalName().equals("pre");
                    String s = pre ? t.getWholeText() : t.text();
                    boolean atLineStart = out.length() == 0 || out.charAt(out.length() - 1) == '\n';
                    boolean afterSpace = out.length() > 0 && out.charAt(out.length() - 1) == ' ';
                    if (!pre && s.startsWith(" ") && (atLineStart || afterSpace)) {
                        s = s.substring(1);
                    }
                    out.append(s);
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e) {
                    String tag = e.normalName();
                    if (SKIP.contains(tag)) {
                        skipping--;
                    } else if (skipping == 0 && PARAGRAPHS.contains(tag)) {
                        paragraph(out);
                    } else if (skipping == 0 && BLOCKS.contains(tag)) {
                        newline(out);
                    }
                }
            }
        }, doc);
        return tidy(out);
    }

    private static void newline(StringBuilder out) {
        if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
    }

    private static void paragraph(StringBuilder out) {
        newline(out);
        if (out.length() > 1 && out.charAt(out.length() - 2) != '\n') {
            out.append('\n');
        }
    }

    /** Trims trailing spaces of each line, collapses runs of blank lines to one, trims the whole. */
    private static String tidy(StringBuilder in) {
        StringBuilder out = new StringBuilder(in.length());
        int blank = 0;
        for (String line : in.toString().split("\n", -1)) {
            String l = line.replace('\u00a0', ' ').stripTrailing();
            if (l.isEmpty()) {
                blank++;
                continue;
            }
            if (out.length() > 0) {
                out.append(blank > 0 ? "\n\n" : "\n");
            }
            out.append(l);
            blank = 0;
        }
        return out.toString();
    }
}
