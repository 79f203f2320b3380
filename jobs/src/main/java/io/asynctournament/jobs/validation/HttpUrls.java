package io.asynctournament.jobs.validation;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** The one check of a link people give (a permalink, a VOD): an absolute http or https URL with a host. */
public final class HttpUrls {
    private HttpUrls() {
    }

    /** True when {@code link} parses as a URI whose scheme is http or https (any case) and that has a host. */
    public static boolean isHttp(String link) {
        try {
            URI uri = new URI(link);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
