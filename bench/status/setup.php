<?php
// B5 setup (PHP CLI: real WordPress, the WooCommerce double, the plugin, the
// extension): configures the plugin against the sandbox and creates N orders
// with an open WeChat Pay QR attempt each; prints one JSON line per order
// (its QR page and IOTPay order id).
declare(strict_types=1);

[$_, $sandbox, $n, $out] = $argv + [null, '', '20', '/tmp/b5-orders.json'];
require dirname(__DIR__, 2) . '/wordpress-plugin/tests/wc-double/site/Site.php';
$plugin = dirname(__DIR__, 2) . '/wordpress-plugin/iotpay-for-woocommerce/iotpay-for-woocommerce.php';
IotPay\WcDouble\Site::restore([IotPay\WcDouble\Site::link_plugin($plugin)], (string) getenv('IOTPAY_TEST_HOME_URL'));
require dirname(__DIR__, 2) . '/wordpress-plugin/tests/wc-double/load-wordpress.php';
update_option('woocommerce_iotpay_settings', [
    'testmode' => 'yes', 'test_mch_id' => '10000701', 'test_key' => 'test_merchant_key',
    'test_login_name' => 'jack123', 'api_base_url' => $sandbox . '/v1/', 'order_prefix' => 'B5',
]);
update_option('woocommerce_iotpay_wechat_settings', ['enabled' => 'yes']);
$_SERVER['HTTP_USER_AGENT'] = 'Mozilla/5.0 (X11; Linux x86_64)';
$_SERVER['REMOTE_ADDR'] = '203.0.113.7';
$gw = WC()->payment_gateways()->payment_gateways()['iotpay_wechat'];
$orders = [];
for ($i = 0; $i < (int) $n; $i++) {
    $o = wc_create_order(['status' => 'pending', 'created_via' => 'checkout']);
    $o->set_payment_method('iotpay_wechat');
    $o->set_currency('CAD');
    $o->set_total('12.34');
    $o->save();
    $r = $gw->process_payment($o->get_id());
    if ($r['result'] !== 'success') {
        fwrite(STDERR, "checkout failed\n");
        exit(1);
    }
    $a = IotPay\WooCommerce\Payment\Attempts::for_order($o->get_id())[0];
    $orders[] = ['page' => $o->get_checkout_payment_url(true), 'payOrderId' => (string) $a->pay_order_id];
}
file_put_contents($out, json_encode($orders));
echo count($orders), " orders ready\n";
