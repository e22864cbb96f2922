"""``import satori_ccxt`` makes Satori a ccxt exchange like any other."""

import inspect

import ccxt
import ccxt.async_support

import satori_ccxt
from satori_ccxt.async_support import satori as AsyncSatori


def test_import_registers_both_classes_with_ccxt():
    assert ccxt.satori is satori_ccxt.satori and ccxt.async_support.satori is AsyncSatori
    assert 'satori' in ccxt.exchanges and 'satori' in ccxt.async_support.exchanges


def test_registering_twice_lists_satori_once():
    satori_ccxt.register()
    assert ccxt.exchanges.count('satori') == 1 and ccxt.async_support.exchanges.count('satori') == 1


def test_sync_and_async_classes_subclass_their_ccxt_bases_and_share_the_id():
    assert issubclass(satori_ccxt.satori, ccxt.Exchange)
    assert issubclass(AsyncSatori, ccxt.async_support.Exchange)
    assert satori_ccxt.satori().id == AsyncSatori().id == 'satori'


def test_async_unified_methods_are_coroutine_functions_and_sync_ones_are_not():
    for name in ('cancel_order', 'cancel_orders', 'fetch_time', 'cancelOrders', 'fetchTime'):
        assert inspect.iscoroutinefunction(getattr(AsyncSatori, name)), name
        assert not inspect.iscoroutinefunction(getattr(satori_ccxt.satori, name)), name
        assert not inspect.isgeneratorfunction(getattr(satori_ccxt.satori, name)), name


def test_unified_methods_keep_their_signature_and_docstring():
    for cls in (satori_ccxt.satori, AsyncSatori):
        assert list(inspect.signature(cls.cancel_orders).parameters) == ['self', 'ids', 'symbol', 'params']
        assert 'batchCancelEntrust' in cls.cancel_orders.__doc__


def test_implicit_api_methods_exist_in_camel_and_snake_case():
    exchange = satori_ccxt.satori()
    for name in ('privatePostApiThirdOrderBatchCancelEntrust', 'private_post_api_third_order_batchcancelentrust',
                 'privatePostApiThirdOrderCancelEntrust', 'publicGetApiThirdInfoTime', 'public_get_api_third_info_time'):
        assert callable(getattr(exchange, name)), name


def test_has_flags_declare_what_is_implemented():
    exchange = satori_ccxt.satori()
    assert exchange.has['cancelOrder'] is exchange.has['cancelOrders'] is exchange.has['fetchTime'] is True
    assert exchange.has['swap'] is True and exchange.has['spot'] is False
