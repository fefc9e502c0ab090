--TEST--
iotpay: the module built by phpize loads and reports its versions
--EXTENSIONS--
iotpay
--FILE--
<?php
var_dump(phpversion('iotpay') === IotPay\VERSION);
var_dump((bool) preg_match('/^[1-9][0-9]*\.[0-9]+$/', IotPay\API_VERSION));
var_dump(IotPay\Money::toMinor('12.34', 'CAD'));
echo IotPay\Signer::canonicalString(['b' => '2', 'a' => '1']), "\n";
?>
--EXPECT--
bool(true)
bool(true)
int(1234)
a=1&b=2
