package io.syncstore.server.startup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Finds which configuration file holds a key with a given value, for errors that James reports with the key alone.
 * Keys are matched by their last segment, as sub-configurations name them relative to their element.
 */
final class ConfigurationFiles {
    private ConfigurationFiles() {
    }

    static Optional<String> definingValue(Path directory, String key, String value) {
        String lastSegment = key.substring(key.lastIndexOf('.') + 1);
        try (Stream<Path> files = Files.list(directory)) {
            return files.sorted()
                .filter(file -> defines(file, key, lastSegment, value))
                .map(file -> file.getFileName().toString())
                .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean defines(Path file, String key, String lastSegment, String value) {
        String name = file.getFileName().toString();
        try {
            if (name.endsWith(".properties")) {
                return value.equals(properties(file).getProperty(key));
            }
            if (name.endsWith(".xml")) {
                return xmlDefines(file, lastSegment, value);
            }
        } catch (Exception e) {
            // A file that cannot be read does not hold the value.
        }
        return false;
    }

    private static Properties properties(Path file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        }
        return properties;
    }

    private static boolean xmlDefines(Path file, String lastSegment, String value) throws Exception {
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        NodeList elements = document.getElementsByTagName("*");
        boolean attribute = lastSegment.startsWith("[@") && lastSegment.endsWith("]");
        String name = attribute ? lastSegment.substring(2, lastSegment.length() - 1) : lastSegment;
        for (int i = 0; i < elements.getLength(); i++) {
            Element element = (Element) elements.item(i);
            boolean matches = attribute
                ? element.hasAttribute(name) && element.getAttribute(name).trim().equals(value.trim())
                : element.getTagName().equals(name) && element.getTextContent().trim().equals(value.trim());
            if (matches) {
                return true;
            }
        }
        return false;
    }
}
