package dev.bulwark.settings;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * VEX preferences of the GUI.
 *
 * @param files  OpenVEX / CycloneDX VEX files applied to every scan run from the Vulnerabilities view
 * @param author author written into exported OpenVEX documents
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record VexSettings(List<String> files, String author) {
    public static final String DEFAULT_AUTHOR = "Bulwark";
    public static final VexSettings DEFAULTS = new VexSettings(List.of(), DEFAULT_AUTHOR);

    public VexSettings {
        files = files == null ? List.of() : List.copyOf(files);
        author = author == null || author.isBlank() ? DEFAULT_AUTHOR : author.strip();
    }
}
