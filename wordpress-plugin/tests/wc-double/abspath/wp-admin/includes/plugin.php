<?php
/**
 * Test double: ABSPATH . "wp-admin/includes/plugin.php". The functions are loaded by
 * wc-double/bootstrap.php already; plugins may require this file as in WordPress.
 *
 * @package IotPay\WcDouble
 */
