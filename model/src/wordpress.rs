//! WordPress's embed protocol, the part that is text: the secret a WordPress host gives its
//! frame. WordPress turns a discovered embed into `<iframe class="wp-embedded-content"
//! sandbox="allow-scripts" src="…#?secret=XYZ" data-secret="XYZ">`, and `wp-embed.js` on the
//! post's page resizes the frame only on messages that carry that secret (and ignores any
//! secret with a character outside `[a-zA-Z0-9]`).

/// The longest secret taken: WordPress makes ten characters; anything much longer is not
/// WordPress's.
pub const MAX_SECRET: usize = 64;

/// The secret in a frame's fragment (`#?secret=XYZ`, possibly among other `&`-separated
/// pairs), when it is one WordPress would accept: 1 to [`MAX_SECRET`] ASCII letters and digits.
/// The fragment may come with or without its `#`.
pub fn wordpress_secret(fragment: &str) -> Option<String> {
    let pairs = fragment.strip_prefix('#').unwrap_or(fragment);
    let pairs = pairs.strip_prefix('?').unwrap_or(pairs);
    pairs
        .split('&')
        .find_map(|pair| pair.strip_prefix("secret="))
        .filter(|secret| {
            (1..=MAX_SECRET).contains(&secret.len())
                && secret.bytes().all(|b| b.is_ascii_alphanumeric())
        })
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_secret_wordpress_appends() {
        assert_eq!(
            wordpress_secret("#?secret=a1B2c3D4e5").as_deref(),
            Some("a1B2c3D4e5")
        );
        assert_eq!(wordpress_secret("?secret=abc").as_deref(), Some("abc"));
        assert_eq!(
            wordpress_secret("#?x=1&secret=abc&y=2").as_deref(),
            Some("abc")
        );
    }

    #[test]
    fn refuses_what_wordpress_would_refuse_or_never_sends() {
        for fragment in [
            "",
            "#",
            "#?secret=",
            "#?secret=ab%22c",
            "#?secret=a b",
            "#?secret=\"]<script>",
            "#?Secret=abc",
            "#chart",
        ] {
            assert_eq!(wordpress_secret(fragment), None, "{fragment:?}");
        }
        let long = format!("#?secret={}", "a".repeat(MAX_SECRET + 1));
        assert_eq!(wordpress_secret(&long), None);
        let longest = format!("#?secret={}", "a".repeat(MAX_SECRET));
        assert!(wordpress_secret(&longest).is_some());
    }
}
