<?php
// B3 setup (PHP CLI: real WordPress, the WooCommerce double, the plugin, the extension):
// configures the plugin against the sandbox, creates N orders with one open
// IOTPay attempt each, and writes one signed notification body per order.
declare(strict_types=1);

[$_, $sandbox, $n, $out] = $argv + [null, '', '200', '/tmp/notifications.txt'];
// The test site (run.sh installed it): WooCommerce (the double) and the plugin active.
require dirname(__DIR__, 2) . '/wordpress-plugin/tests/wc-double/site/Site.php';
$plugin = dirname(__DIR__, 2) . '/wordpress-plugin/iotpay-for-woocommerce/iotpay-for-woocommerce.php';
IotPay\WcDouble\Site::restore([IotPay\WcDouble\Site::link_plugin($plugin)], (string) getenv('IOTPAY_TEST_HOME_URL'));
require dirname(__DIR__, 2) . '/wordpress-plugin/tests/wc-double/load-wordpress.php';
update_option('woocommerce_iotpay_settings', [
    'testmode' => 'yes', 'test_mch_id' => '10000701', 'test_key' => 'test_merchant_key',
    'test_login_name' => 'jack123', 'api_base_url' => $sandbox . '/v1/', 'order_prefix' => 'B3',
]);
update_option('woocommerce_iotpay_wechat_settings', ['enabled' => 'yes']);
$_SERVER['HTTP_USER_AGENT'] = 'Mozilla/5.0 (X11; Linux x86_64)';
$_SERVER['REMOTE_ADDR'] = '203.0.113.7';
$gw = WC()->payment_gateways()->payment_gateways()['iotpay_wechat'];
$lines = [];
for ($i = 0; $i < (int) $n; $i++) {
    $p = new WC_Product_Simple();
    $p->set_name('Bench');
    $p->set_regular_price('12.34');
    $p->set_price('12.34');
    $p->set_manage_stock(true);
    $p->set_stock_quantity(100);
    $p->save();
    $o = wc_create_order(['status' => 'pending', 'created_via' => 'checkout']);
    $o->add_product(wc_get_product($p->get_id()), 1);
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
    $f = ['payOrderId' => (string) $a->pay_order_id, 'mchId' => '10000701', 'mchOrderNo' => $a->mch_order_no,
        'channelId' => $a->channel, 'currency' => 'CAD', 'amount' => (string) $a->amount, 'status' => '2',
        'channelOrderNo' => 'wx' . $a->id, 'paySuccTime' => (string) (time() * 1000), 'backType' => '2'];
    $f['sign'] = IotPay\Signer::sign($f, 'test_merchant_key');
    $lines[] = http_build_query($f);
}
file_put_contents($out, implode("\n", $lines) . "\n");
echo count($lines), " orders ready\n";
