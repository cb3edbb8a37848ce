package dev.bulwark.scan.osv;

/**
 * What {@link OsvDumpDownloader} remembers per ecosystem between runs.
 *
 * @param url                 the URL downloaded
 * @param etag                validator of the last complete download, or null
 * @param lastModified        Last-Modified of the last complete download, or null
 * @param partialEtag         validator of the partial {@code .part} file, or null
 * @param partialLastModified Last-Modified of the partial file, or null
 */
public record DownloadState(String url, String etag, String lastModified, String partialEtag,
                            String partialLastModified) {
    static DownloadState empty(String url) {
        return new DownloadState(url, null, null, null, null);
    }
}
