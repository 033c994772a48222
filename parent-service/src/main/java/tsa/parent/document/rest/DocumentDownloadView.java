package tsa.parent.document.rest;

import tsa.parent.document.storage.DocumentFiles;
import tsa.runtime.time.Timestamps;

/** The contract's {@code DocumentDownloadUrl}. */
public record DocumentDownloadView(String downloadUrl, String expiresAt) {

    static DocumentDownloadView of(DocumentFiles.SignedUrl url) {
        return new DocumentDownloadView(url.url(), Timestamps.format(url.expiresAt()));
    }
}
