package io.switchboard.spi.contact;

import java.util.Objects;

/**
 * A person's immutable id at a provider. Identity is keyed on provider + scope + id, never on a handle.
 *
 * @param provider  the provider, e.g. {@code x}, {@code meta}, {@code telegram}
 * @param scope     the scope in which the id is unique: a Page id for page-scoped ids (PSID), an
 *                  Instagram account id for IGSIDs, {@code global} for ids unique across the provider
 * @param id        the id
 * @param assurance how the id was obtained; normally {@link Assurance#PROVIDER}
 */
public record ProviderUserId(String provider, String scope, String id, Assurance assurance) {
    /** Canonical constructor; all components are required. */
    public ProviderUserId {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(assurance, "assurance");
    }

    /** @return {@code provider:scope:id}, the key identity matching uses */
    public String key() {
        return provider + ":" + scope + ":" + id;
    }
}
