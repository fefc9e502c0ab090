<?php
// Just enough WordPress for wp_remote_post(), as a WooCommerce plugin calls
// it: Debian's package (`apt-get install wordpress` → /usr/share/wordpress,
// WordPress 6.1) booted with SHORTINIT over an empty in-memory database
// (wp-content/db.php: no MySQL server needed; every option is absent, so
// WordPress uses its defaults), then the HTTP API files loaded exactly as
// wp-settings.php loads them after SHORTINIT. Nothing else (no plugins,
// theme, users or rewrite rules) — the bootstrap a real shop pays before
// any call is not part of the timed call.
declare(strict_types=1);

$wpDir = rtrim(getenv('WP_DIR') ?: '/usr/share/wordpress', '/');
if (!is_file("$wpDir/wp-settings.php")) {
    fwrite(STDERR, "WordPress not found in $wpDir: apt-get install -y --no-install-recommends wordpress\n");
    exit(1);
}
define('ABSPATH', "$wpDir/");
define('WP_CONTENT_DIR', __DIR__ . '/wp-content');
define('SHORTINIT', true);
define('WP_DEBUG', false);
$table_prefix = 'wp_';

require ABSPATH . 'wp-settings.php';

// What wp-settings.php loads after the SHORTINIT return that the HTTP API uses.
require_once ABSPATH . WPINC . '/l10n.php';
require_once ABSPATH . WPINC . '/general-template.php';
require_once ABSPATH . WPINC . '/link-template.php';
require_once ABSPATH . WPINC . '/http.php';
require_once ABSPATH . WPINC . '/class-wp-http.php';
require_once ABSPATH . WPINC . '/class-wp-http-streams.php';
require_once ABSPATH . WPINC . '/class-wp-http-curl.php';
require_once ABSPATH . WPINC . '/class-wp-http-proxy.php';
require_once ABSPATH . WPINC . '/class-wp-http-cookie.php';
require_once ABSPATH . WPINC . '/class-wp-http-encoding.php';
require_once ABSPATH . WPINC . '/class-wp-http-response.php';
require_once ABSPATH . WPINC . '/class-wp-http-requests-response.php';
require_once ABSPATH . WPINC . '/class-wp-http-requests-hooks.php';

// The site's own URL (used in WordPress's User-Agent).
add_filter('pre_option_home', static fn () => 'https://shop.example');
add_filter('pre_option_siteurl', static fn () => 'https://shop.example');
