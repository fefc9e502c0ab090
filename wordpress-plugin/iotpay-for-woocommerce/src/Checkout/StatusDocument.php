<?php
/**
 * A small static file per waiting order, `{uploads}/iotpay-status/{token}.json`,
 * that says `{"status":"pending"}` until the completion rewrites it to
 * `{"status":"paid"}`. The payment and thank-you pages poll it every half
 * second: the web server answers from disk, no PHP runs, so a customer
 * waiting in front of a QR code costs the shop nothing until the REST status
 * endpoint (which may ask IOTPay) is polled, slowly, as the fallback.
 *
 * The token is an HMAC of the order id and key under this site's salt:
 * unguessable without the order key, which the pages already carry. The file
 * holds one word, nothing about the customer or the order. Where the uploads
 * folder cannot be written, or on a site whose uploads are not shared by all
 * its web servers, the pages still move on through the REST fallback.
 *
 * @package IotPay\WooCommerce
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Checkout;

final class StatusDocument {

	private const DIR = 'iotpay-status';

	/** Documents older than this are removed by the sweep. */
	private const MAX_AGE = 86400;

	/** Whether pages poll a status document; filter `iotpay_wc_status_document` (false: REST polling only). */
	public static function enabled(): bool {
		return (bool) apply_filters( 'iotpay_wc_status_document', true );
	}

	private static function token( \WC_Order $order ): string {
		return substr( hash_hmac( 'sha256', 'iotpay-status|' . $order->get_id() . '|' . $order->get_order_key(), wp_salt( 'nonce' ) ), 0, 40 );
	}

	/** @return array{dir: string, url: string}|null */
	private static function location(): ?array {
		$uploads = wp_upload_dir( null, false );
		if ( ! empty( $uploads['error'] ) || empty( $uploads['basedir'] ) ) {
			return null;
		}
		return array(
			'dir' => trailingslashit( (string) $uploads['basedir'] ) . self::DIR,
			'url' => trailingslashit( set_url_scheme( (string) $uploads['baseurl'] ) ) . self::DIR,
		);
	}

	/**
	 * Writes the order's document (atomically: a reader sees the old or the
	 * new word, never half a file) and returns its URL; null when it cannot.
	 */
	public static function publish( \WC_Order $order, string $status ): ?string {
		$where = self::enabled() ? self::location() : null;
		if ( null === $where ) {
			return null;
		}
		if ( ! is_dir( $where['dir'] ) ) {
			if ( ! wp_mkdir_p( $where['dir'] ) ) {
				return null;
			}
			// No listing of the folder on servers that would list it.
			@file_put_contents( $where['dir'] . '/index.html', '' ); // phpcs:ignore WordPress.PHP.NoSilencedErrors,WordPress.WP.AlternativeFunctions
		}
		$name = self::token( $order ) . '.json';
		$tmp  = $where['dir'] . '/.' . $name . '.' . wp_generate_password( 8, false );
		if ( false === @file_put_contents( $tmp, (string) wp_json_encode( array( 'status' => $status ) ) ) || ! @rename( $tmp, $where['dir'] . '/' . $name ) ) { // phpcs:ignore WordPress.PHP.NoSilencedErrors,WordPress.WP.AlternativeFunctions
			@unlink( $tmp ); // phpcs:ignore WordPress.PHP.NoSilencedErrors,WordPress.WP.AlternativeFunctions
			return null;
		}
		return $where['url'] . '/' . $name;
	}

	/** The URL of an order's document if it exists, else null (the page then polls REST only). */
	public static function url( \WC_Order $order ): ?string {
		$where = self::enabled() ? self::location() : null;
		if ( null === $where || ! is_file( $where['dir'] . '/' . self::token( $order ) . '.json' ) ) {
			return null;
		}
		return $where['url'] . '/' . self::token( $order ) . '.json';
	}

	/** The page of a waiting order: make sure its document says "pending" unless it says more already. */
	public static function for_waiting_page( \WC_Order $order ): ?string {
		return self::url( $order ) ?? self::publish( $order, 'pending' );
	}

	/** The completion: the document says "paid" (written only where a page is waiting on one). */
	public static function paid( \WC_Order $order ): void {
		if ( null !== self::url( $order ) ) {
			self::publish( $order, 'paid' );
		}
	}

	/** The sweep: documents of a day ago are of no page any more. */
	public static function clean(): void {
		$where = self::location();
		if ( null === $where || ! is_dir( $where['dir'] ) ) {
			return;
		}
		foreach ( (array) glob( $where['dir'] . '/*.json' ) as $file ) {
			if ( is_string( $file ) && filemtime( $file ) < time() - self::MAX_AGE ) {
				@unlink( $file ); // phpcs:ignore WordPress.PHP.NoSilencedErrors,WordPress.WP.AlternativeFunctions
			}
		}
	}
}
