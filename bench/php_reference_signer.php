<?php
// A straightforward pure-PHP signer for spec §2, as a typical PHP SDK writes
// it (ksort + implode + md5). Used only as the benchmark baseline.
declare(strict_types=1);

function php_reference_sign(array $fields, string $key): string
{
    unset($fields['sign']);
    $parts = [];
    ksort($fields, SORT_STRING);
    foreach ($fields as $k => $v) {
        if ($v === null || $v === '') {
            continue;
        }
        $parts[] = $k . '=' . $v;
    }
    return strtoupper(md5(implode('&', $parts) . '&key=' . $key));
}

function php_reference_verify(array $fields, string $key): bool
{
    $sign = (string) ($fields['sign'] ?? '');
    return $sign !== '' && hash_equals(php_reference_sign($fields, $key), strtoupper($sign));
}
