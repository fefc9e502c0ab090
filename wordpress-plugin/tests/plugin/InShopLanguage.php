<?php
/**
 * Tests run once in each language the plugin ships (the `locales` data
 * provider), with that language as the shop's: what the translation tests
 * (TranslationsTest, TranslationsBrowserTest) share, so both read the same
 * languages set up the same way.
 *
 * @package IotPay\WooCommerce\Tests
 */

declare(strict_types=1);

namespace IotPay\WooCommerce\Tests;

trait InShopLanguage {

	/** The languages shipped in languages/ (besides English). */
	private const LOCALES = array( 'zh_CN', 'fr_CA' );

	/**
	 * The shop's language for this test: the data set's locale (a site
	 * setting; TestCase sets the language up again as the test's request
	 * would start with it).
	 */
	protected function configure( array $over = array() ): void {
		parent::configure( $over );
		$data = $this->getProvidedData();
		// WordPress takes only an installed language as the site language
		// (sanitize_option( 'WPLANG' )): setSiteLanguage() installs its pack first.
		$this->setSiteLanguage( is_string( $data[0] ?? null ) && in_array( $data[0], self::LOCALES, true ) ? $data[0] : '' );
	}

	/** @return array<string, array{0: string}> */
	public function locales(): array {
		return array(
			'zh_CN' => array( 'zh_CN' ),
			'fr_CA' => array( 'fr_CA' ),
		);
	}
}
