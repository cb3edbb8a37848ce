package dev.bulwark.scan.parse;

import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A minimal element tree with source lines, read with the JDK StAX parser with DTDs and external
 * entities disabled (no XXE, no entity expansion bombs).
 *
 * @param name     local element name
 * @param text     trimmed text content (direct children text only)
 * @param line     1-based line of the start tag
 * @param children child elements in order
 */
record XmlTree(String name, String text, int line, List<XmlTree> children) {

    static XmlTree parse(byte[] xml, int maxDepth) throws ManifestFormatException {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        XMLStreamReader r = null;
        try {
            r = f.createXMLStreamReader(new ByteArrayInputStream(xml));
            Deque<Building> stack = new ArrayDeque<>();
            XmlTree root = null;
            while (r.hasNext()) {
                int ev = r.next();
                switch (ev) {
                    case XMLStreamConstants.START_ELEMENT -> {
                        if (stack.size() >= maxDepth) {
                            throw new ManifestFormatException("XML nested deeper than " + maxDepth + " elements",
                                    r.getLocation().getLineNumber());
                        }
                        stack.push(new Building(r.getLocalName(), r.getLocation().getLineNumber()));
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                        if (!stack.isEmpty()) {
                            stack.peek().text.append(r.getText());
                        }
                    }
                    case XMLStreamConstants.ENTITY_REFERENCE -> throw new ManifestFormatException(
                            "XML entity reference &" + r.getLocalName() + "; refused (DTD entities are not processed)",
                            r.getLocation().getLineNumber());
                    case XMLStreamConstants.END_ELEMENT -> {
                        Building done = stack.pop();
                        XmlTree node = new XmlTree(done.name, done.text.toString().trim(), done.line, List.copyOf(done.children));
                        if (stack.isEmpty()) {
                            root = node;
                        } else {
                            stack.peek().children.add(node);
                        }
                    }
                    default -> { }
                }
            }
            if (root == null) {
                throw new ManifestFormatException("no XML root element", 0);
            }
            return root;
        } catch (XMLStreamException e) {
            int line = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNumber());
            throw new ManifestFormatException("not well-formed XML: " + e.getMessage().replaceAll("\\s+", " "), line, e);
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException e) {
                    // closing an in-memory reader cannot lose data; nothing to report
                }
            }
        }
    }

    private static final class Building {
        final String name;
        final int line;
        final StringBuilder text = new StringBuilder();
        final List<XmlTree> children = new ArrayList<>();

        Building(String name, int line) {
            this.name = name;
            this.line = line;
        }
    }

    Optional<XmlTree> child(String childName) {
        return children.stream().filter(c -> c.name.equals(childName)).findFirst();
    }

    List<XmlTree> all(String childName) {
        return children.stream().filter(c -> c.name.equals(childName)).toList();
    }

    /** The text of a child, or null when absent or empty. */
    String childText(String childName) {
        return child(childName).map(XmlTree::text).filter(t -> !t.isEmpty()).orElse(null);
    }
}
