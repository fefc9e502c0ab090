<?php
/**
 * Test theme: WordPress prints the <title> (title-tag support, as every
 * current theme declares).
 *
 * @package IotPay\WcDouble
 */

add_action(
	'after_setup_theme',
	static function () {
		add_theme_support( 'title-tag' );
		add_theme_support( 'woocommerce' );
	}
);
