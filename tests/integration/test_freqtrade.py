"""freqtrade on Satori: real freqtrade, the real satori classes, the simulator over HTTP.

Exchange-level rules run freqtrade's ``Exchange`` in this process against an
in-process simulator; the bot rules run ``satori-ccxt freqtrade ...`` as a
subprocess against a simulator served from this process, with the strategy
and config in ``tests/integration/freqtrade/``.

freqtrade is an optional extra: without it this module is skipped (and the
skip is listed in pytest's summary); install ``.[test,freqtrade]`` to run it.
"""
# ruff: noqa: E402  (everything below needs freqtrade, which importorskip checks first)

import pytest

pytest.importorskip('freqtrade', reason="freqtrade is not installed: pip install -e '.[test,freqtrade]'")

import asyncio
import contextlib
import json
import re
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from pathlib import Path
from urllib.parse import parse_qsl

import ccxt
import ccxt.async_support
import ccxt.pro
import freqtrade.exchange
import pandas
from freqtrade.data.btanalysis import load_backtest_stats
from freqtrade.enums import CandleType, RunMode
from freqtrade.exceptions import ConfigurationError, DDosProtection, TemporaryError
from freqtrade.exchange import timeframe_to_prev_date, validate_exchange
from freqtrade.exchange.check_exchange import check_exchange
from freqtrade.exchange.common import EXCHANGE_HAS_REQUIRED
from freqtrade.resolvers import ExchangeResolver

import satori_ccxt
from satori_ccxt.freqtrade import Satori
from satori_simulator import Simulator

from ..support import paths
from ..support.repository import ROOT

HERE = Path(__file__).parent / 'freqtrade'
CONFIG = HERE / 'config.json'
STRATEGIES = HERE / 'strategies'
STRATEGY = 'SatoriQuick'
PAIR = 'ETH/USD:USD'
BOT_SECONDS = 300  # a bot that has not closed its trade by then has failed (it takes about 10 s; the margin is for a loaded machine)


def freqtrade_config(sim, account=None, dry_run=True) -> dict:
    """The example config of the docs, aimed at ``sim`` (with ``account``'s key when live)."""
    config = json.loads(CONFIG.read_text())
    config['dry_run'] = dry_run
    config['exchange']['ccxt_config']['urls']['api'] = {'public': sim.url, 'private': sim.url}
    if not dry_run:
        config['exchange']['key'], config['exchange']['secret'] = account.api_key, account.secret
    return config


def load_exchange(config, runmode):
    """freqtrade's exchange as its bot builds it: the exchange check of its configuration, then ``ExchangeResolver``
    with leverage tiers (which validates the config against the exchange: timeframe, stake currency, order types,
    time in force, trading and margin mode, pricing)."""
    config = dict(config, runmode=runmode)
    check_exchange(config)
    return ExchangeResolver.load_exchange(config, load_leverage_tiers=True)


def close(exchange):
    exchange.close()
    asyncio.set_event_loop(None)  # freqtrade installed its loop as the thread's; leave no closed loop behind


@pytest.fixture(scope='module')
def sim():
    with Simulator(seed=11) as simulator:
        yield simulator


@pytest.fixture(autouse=True)
def no_faults_left(sim):
    yield
    sim.clear_faults()


@pytest.fixture(scope='module')
def dry_exchange(sim):
    exchange = load_exchange(freqtrade_config(sim), RunMode.DRY_RUN)
    yield exchange
    close(exchange)


@pytest.fixture(scope='module')
def live_account(sim):
    return sim.create_account('10000')


@pytest.fixture(scope='module')
def live_exchange(sim, live_account):
    exchange = load_exchange(freqtrade_config(sim, live_account, dry_run=False), RunMode.LIVE)
    yield exchange
    close(exchange)


def signed_requests(sim, path):
    """The parameters of every request to ``path`` the simulator received, in order."""
    return [dict(parse_qsl(record.query)) for record in sim.requests if record.path == path]


# ----- registration ------------------------------------------------------------------------------


def test_importing_satori_ccxt_alone_does_not_import_freqtrade():
    code = 'import sys, satori_ccxt; sys.exit(1 if "freqtrade" in sys.modules else 0)'
    assert subprocess.run([sys.executable, '-c', code], timeout=60).returncode == 0


def test_importing_satori_ccxt_freqtrade_registers_satori_with_ccxt_ccxt_pro_and_freqtrade():
    assert ccxt.satori is satori_ccxt.satori and 'satori' in ccxt.exchanges
    assert ccxt.async_support.satori is satori_ccxt.async_satori and 'satori' in ccxt.async_support.exchanges
    assert ccxt.pro.satori is satori_ccxt.pro_satori and 'satori' in ccxt.pro.exchanges
    assert freqtrade.exchange.Satori is Satori


def test_freqtrade_validates_satori_through_ccxt_pro_and_follows_candles_by_stream(dry_exchange):
    valid, reason, _, checked = validate_exchange('satori')
    assert valid, reason
    assert 'missing:' not in reason
    assert isinstance(checked, ccxt.pro.satori)
    assert type(dry_exchange) is Satori
    assert isinstance(dry_exchange._api, satori_ccxt.satori) and isinstance(dry_exchange._api_async, satori_ccxt.pro_satori)
    assert dry_exchange._exchange_ws is not None  # freqtrade's websocket candle path is on


# ----- exchange level ----------------------------------------------------------------------------


def test_cross_margin_is_refused_at_startup(sim):
    config = dict(freqtrade_config(sim), margin_mode='cross')
    with pytest.raises(ConfigurationError, match="'cross'"):
        load_exchange(config, RunMode.DRY_RUN)
    asyncio.set_event_loop(None)


def test_markets_load_as_linear_usd_swaps_freqtrade_can_trade_in_futures(dry_exchange):
    markets = dry_exchange.get_markets(quote_currencies=['USD'], futures_only=True, tradable_only=True, active_only=True)
    assert set(markets) == {'ETH/USD:USD', 'BTC/USD:USD', 'SOL/USD:USD'}
    assert all(market['settle'] == 'USD' and market['linear'] for market in markets.values())
    dry_exchange.validate_stakecurrency('USD')


def test_every_has_flag_freqtrade_requires_is_present(dry_exchange):
    for method, replacements in EXCHANGE_HAS_REQUIRED.items():
        assert dry_exchange.exchange_has(method) or all(dry_exchange.exchange_has(other) for other in replacements), method
    # What a live futures bot calls besides: positions unconditionally, tiers for leverage, and the per-order settings.
    for method in ('fetchPositions', 'fetchLeverageTiers', 'setLeverage', 'setMarginMode', 'createMarketOrder', 'fetchMyTrades'):
        assert dry_exchange.exchange_has(method), method


def test_max_leverage_comes_from_the_leverage_tiers(dry_exchange):
    assert dry_exchange.get_max_leverage('ETH/USD:USD', 100.0) == 25
    assert dry_exchange.get_max_leverage('SOL/USD:USD', 100.0) == 25   # the pair list names none: Satori's documented 25x


@pytest.mark.parametrize('side', ['buy', 'sell'])
def test_dry_run_liquidation_price_is_the_simulators_moved_by_the_taker_fee(sim, dry_exchange, side):
    account = sim.create_account('10000')
    client = satori_ccxt.satori({'apiKey': account.api_key, 'secret': account.secret, 'enableRateLimit': False,
                                 'urls': {'api': {'public': sim.url, 'private': sim.url}}})
    client.create_order(PAIR, 'market', side, 0.1, None, {'leverage': 5})
    position, = client.fetch_positions([PAIR])
    taker = dry_exchange.markets[PAIR]['taker']
    computed = dry_exchange.dry_run_liquidation_price(
        PAIR, open_rate=position['entryPrice'], is_short=side == 'sell', amount=position['contracts'],
        stake_amount=position['initialMargin'], leverage=5, wallet_balance=position['initialMargin'], open_trades=[])
    moved = 1 - taker if side == 'buy' else 1 + taker
    assert computed == pytest.approx(position['liquidationPrice'] / moved, rel=1e-4)
    assert position['liquidationPrice'] > 0


def test_fetch_ohlcv_pages_back_from_since_without_gaps(sim, dry_exchange):
    candles = 2100  # more than two pages of 1000
    since = int(timeframe_to_prev_date('1m').timestamp() * 1000) - candles * 60_000
    sim.clear_requests()
    frame = dry_exchange.get_historic_ohlcv(PAIR, '1m', since_ms=since, candle_type=CandleType.FUTURES)
    opens = [int(date.timestamp() * 1000) for date in frame['date']]
    assert opens[0] == since
    assert opens == list(range(since, since + len(opens) * 60_000, 60_000))
    assert len(opens) >= candles - 1  # the candle still open is dropped
    assert sim.count(paths.KLINE) >= 3


def test_a_market_order_carries_a_protective_price_and_the_leverage_and_margin_mode_freqtrade_set(sim, live_exchange):
    bid, ask = sim.best_prices('ETH-USD')
    sim.clear_requests()
    entry = live_exchange.create_order(pair=PAIR, ordertype='market', side='buy', amount=0.02, rate=float(ask), leverage=3)
    exit_ = live_exchange.create_order(pair=PAIR, ordertype='market', side='sell', amount=0.02, rate=float(bid), leverage=3,
                                       reduceOnly=True)
    sent_entry, sent_exit = signed_requests(sim, paths.CREATE)
    assert Decimal(sent_entry['price']) == (ask * Decimal('1.05')).quantize(Decimal('0.01'), rounding=ROUND_CEILING)
    assert Decimal(sent_exit['price']) == (bid * Decimal('0.95')).quantize(Decimal('0.01'), rounding=ROUND_FLOOR)
    assert (sent_entry['lever'], sent_entry['positionType']) == ('3', '3')     # set_leverage / set_margin_mode, remembered
    assert (sent_exit['lever'], sent_exit['positionType']) == ('3', '3')       # the position's, for a reduce-only exit
    assert [sim.order_status(order['id']) for order in (entry, exit_)] == ['filled', 'filled']


HOUR = 3_600_000


def test_dry_run_funding_comes_from_the_downloaded_rates_and_matches_what_satori_charges_a_live_position(sim, dry_exchange, live_exchange):
    """A long of 0.5 ETH held across three full hours: freqtrade's dry-run computes its funding from the
    funding-rate history and the 1h candles; live, it sums fetch_funding_history (the position's tariffAmount).
    They differ only by what the candles' open (the index) differs from the mark price Satori charges at."""
    opened = (time.time_ns() // 1_000_000 // HOUR - 5) * HOUR + 30 * 60_000   # five hours ago, half past
    api = live_exchange._api

    def move_clock(move):
        """Moves the simulator's clock; signed requests then carry its time (ccxt's rate limiter needs the real one)."""
        move()
        api.options['timeDifference'] = api.milliseconds() - sim.now_ms()
    try:
        move_clock(lambda: sim.set_time(opened))
        live_exchange.create_order(pair=PAIR, ordertype='market', side='buy', amount=0.5, rate=float(sim.best_prices('ETH-USD')[1]),
                                   leverage=2)
        move_clock(lambda: sim.advance_time(3 * HOUR))
        sim.clear_requests()
        open_date = datetime.fromtimestamp(opened / 1000, UTC)
        live = live_exchange.get_funding_fees(PAIR, 0.5, False, open_date)
        dry = dry_exchange.get_funding_fees(PAIR, 0.5, False, open_date)
        position, = api.fetch_positions([PAIR])
        live_exchange.create_order(pair=PAIR, ordertype='market', side='sell', amount=0.5, rate=float(sim.best_prices('ETH-USD')[0]),
                                   leverage=2, reduceOnly=True)
    finally:
        api.options['timeDifference'] = 0
        sim.set_time(None)
    assert live == float(position['info']['tariffAmount']) != 0
    assert dry == pytest.approx(live, abs=3e-4)   # 0.5 * ~3200 * |rate| <= 1 bp, three hours, a basis of at most 5 bp
    assert sim.count(paths.FUNDING_HISTORY) >= 1


FAULTS = [  # (fault, what freqtrade raises when it persists, the ccxt exception behind it)
    ('code_2008', DDosProtection, ccxt.DDoSProtection),
    ('http_429', TemporaryError, ccxt.RateLimitExceeded),
    ('maintenance', TemporaryError, ccxt.OnMaintenance),
    ('http_5xx', TemporaryError, ccxt.ExchangeNotAvailable),
    ('drop', TemporaryError, ccxt.NetworkError),
    ('non_json_200', TemporaryError, ccxt.BadResponse),
]


@pytest.mark.parametrize('kind', [kind for kind, _, _ in FAULTS])
def test_a_passing_rate_limit_maintenance_or_network_failure_is_retried_by_freqtrade(sim, live_exchange, kind):
    sim.inject(kind, path=paths.BALANCE)
    sim.clear_requests()
    balances = live_exchange.get_balances()
    assert balances['USD']['total'] > 0
    assert sim.count(paths.BALANCE) == 2


@pytest.mark.parametrize('kind, raised, cause', FAULTS)
def test_a_lasting_failure_reaches_freqtrade_as_the_temporary_error_it_retries(sim, live_exchange, kind, raised, cause):
    sim.inject(kind, path=paths.BALANCE, count=5)
    with pytest.raises(raised) as caught:
        live_exchange.get_balances(count=0)  # freqtrade's retrier: no retries
    assert isinstance(caught.value.__cause__, cause)


def test_a_passing_failure_of_the_candle_download_is_retried_by_freqtrade(sim, dry_exchange):
    since = int(timeframe_to_prev_date('1m').timestamp() * 1000) - 100 * 60_000
    sim.inject('code_2008', path=paths.KLINE)
    sim.clear_requests()
    frame = dry_exchange.get_historic_ohlcv(PAIR, '1m', since_ms=since, candle_type=CandleType.FUTURES)
    assert len(frame) >= 99
    assert sim.count(paths.KLINE) == 2


# ----- the bot -----------------------------------------------------------------------------------


def satori_ccxt_freqtrade(*args) -> list:
    """The command line of ``satori-ccxt freqtrade ARGS``, through the console script pip installed next to this Python."""
    script = Path(sys.executable).with_name('satori-ccxt')
    assert script.exists(), f'{script} is missing: install the package with pip install -e .'
    return [str(script), 'freqtrade', *map(str, args)]


def query(database: Path, sql: str) -> list:
    """Rows of the bot's sqlite database as dicts, read-only; [] before the bot has created it."""
    if not database.exists():
        return []
    try:
        with contextlib.closing(sqlite3.connect(f'file:{database}?mode=ro', uri=True, timeout=2)) as connection:
            connection.row_factory = sqlite3.Row
            return [dict(row) for row in connection.execute(sql)]
    except sqlite3.OperationalError:  # no tables yet, or the bot is writing
        return []


CLOSED_TRADES = 'SELECT * FROM trades WHERE is_open = 0'
# freqtrade commits a closed trade, then locks its pair (one more INSERT): a SIGTERM between the two ends in a traceback.
AUTO_LOCKS = "SELECT * FROM pairlocks WHERE reason = 'Auto lock'"


def run_bot_until_a_trade_closes(tmp_path, config) -> tuple:
    """``satori-ccxt freqtrade trade`` until its database holds a closed trade and the pair lock written after it
    (or BOT_SECONDS pass), then SIGTERM.

    Returns (the closed trades, the database, the log and the console output, the bot's exit code).
    """
    (tmp_path / 'user_data').mkdir()
    (tmp_path / 'config.json').write_text(json.dumps(config))
    database, log, console = tmp_path / 'trades.sqlite', tmp_path / 'bot.log', tmp_path / 'console.txt'
    command = satori_ccxt_freqtrade('trade', '--config', 'config.json', '--userdir', 'user_data', '--strategy', STRATEGY,
                                    '--strategy-path', STRATEGIES, '--db-url', f'sqlite:///{database}', '--logfile', log)
    with open(console, 'w') as output:
        bot = subprocess.Popen(command, cwd=tmp_path, stdout=output, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + BOT_SECONDS
            while not (query(database, CLOSED_TRADES) and query(database, AUTO_LOCKS)) and bot.poll() is None \
                    and time.monotonic() < deadline:
                time.sleep(0.5)
        finally:
            bot.send_signal(signal.SIGTERM)
            try:
                bot.wait(timeout=30)
            except subprocess.TimeoutExpired:
                bot.kill()
                bot.wait()
    text = (log.read_text() if log.exists() else '') + console.read_text()
    return query(database, CLOSED_TRADES), database, text, bot.returncode


def assert_clean(output):
    assert 'Traceback' not in output, output[-5000:]
    assert ' - ERROR - ' not in output, output[-5000:]


def kline_subscriptions(sim) -> list:
    return [json.loads(frame.text) for frame in sim.stream_frames if '"api_kline"' in frame.text]


def test_a_dry_run_bot_closes_a_trade_without_sending_a_signed_request(sim, tmp_path):
    sim.clear_requests()
    sim.clear_stream_frames()
    trades, _, output, exit_code = run_bot_until_a_trade_closes(tmp_path, freqtrade_config(sim))
    assert len(trades) == 1, output[-5000:]
    assert exit_code == 130  # SIGTERM ends freqtrade as Ctrl-C does, and satori-ccxt passes its code on
    assert trades[0]['exit_reason'] == 'roi'
    assert_clean(output)
    assert sim.requests and not any('APIKEY' in record.headers for record in sim.requests)
    # Candles came by stream too: an unsigned subscription, as there is no key in a dry run.
    assert {(message['pair'], message['period']) for message in kline_subscriptions(sim)} == {('ETH-USD', '1MIN')}
    assert not any('apiKey' in message for message in kline_subscriptions(sim))


def test_a_live_bot_closes_a_trade_and_the_simulator_ledger_agrees(sim, tmp_path):
    account = sim.create_account('10000')
    sim.clear_stream_frames()
    trades, database, output, exit_code = run_bot_until_a_trade_closes(tmp_path, freqtrade_config(sim, account, dry_run=False))
    assert len(trades) == 1, output[-5000:]
    assert exit_code == 130
    trade, = trades
    orders = query(database, 'SELECT * FROM orders ORDER BY id')
    assert [order['ft_order_side'] for order in orders] == ['buy', 'sell']
    ledger = sim.ledger(account)
    assert sorted(ledger['orders']) == sorted(int(order['order_id']) for order in orders)   # no order the bot does not know
    for order in orders:
        on_satori = ledger['orders'][int(order['order_id'])]
        assert on_satori['status'] == 'filled' and order['status'] == 'closed'
        assert Decimal(str(order['filled'])) == on_satori['filled'] == Decimal(str(trade['amount']))
        assert order['average'] == pytest.approx(float(on_satori['dealAmount'] / on_satori['filled']), rel=1e-9)
        assert sum(fill['quantity'] for fill in ledger['fills'] if fill['orderId'] == int(order['order_id'])) == on_satori['filled']
        assert (on_satori['lever'], on_satori['positionType']) == (1, 3)     # freqtrade's leverage, isolated
    assert ledger['positions'] == [] and ledger['frozen'] == 0               # the position is back to zero
    assert float(ledger['available'] - Decimal('10000')) == pytest.approx(trade['close_profit_abs'], abs=1e-6)  # PnL and fees agree
    assert_clean(output)
    assert {message['apiKey'] for message in kline_subscriptions(sim)} == {account.api_key}   # candles by signed stream


def test_download_data_then_backtesting_trades_over_the_downloaded_candles(sim, tmp_path):
    (tmp_path / 'user_data').mkdir()
    (tmp_path / 'config.json').write_text(json.dumps(freqtrade_config(sim)))
    common = ['--config', 'config.json', '--userdir', 'user_data']
    downloaded = subprocess.run(satori_ccxt_freqtrade('download-data', *common, '--timeframes', '1m', '--days', '1'),
                                cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert downloaded.returncode == 0, downloaded.stderr[-5000:]
    candles = tmp_path / 'user_data' / 'data' / 'satori' / 'futures' / 'ETH_USD_USD-1m-futures.feather'
    assert len(pandas.read_feather(candles)) >= 24 * 60, downloaded.stderr[-5000:]   # a day of 1m candles, over several pages
    tested = subprocess.run(satori_ccxt_freqtrade('backtesting', *common, '--strategy', STRATEGY, '--strategy-path', STRATEGIES),
                            cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert tested.returncode == 0, tested.stderr[-5000:]
    rates = tmp_path / 'user_data' / 'data' / 'satori' / 'futures' / 'ETH_USD_USD-1h-funding_rate.feather'
    assert len(pandas.read_feather(rates)) >= 24, downloaded.stderr[-5000:]   # a day of hourly funding rates for backtesting
    stats = load_backtest_stats(tmp_path / 'user_data' / 'backtest_results')
    assert stats['strategy'][STRATEGY]['total_trades'] == 1
    assert_clean(downloaded.stdout + downloaded.stderr + tested.stdout + tested.stderr)


# ----- the docs ----------------------------------------------------------------------------------


def test_the_example_config_in_the_docs_is_the_config_the_bot_tests_run():
    blocks = [block for doc in (ROOT / 'README.md', ROOT / 'docs' / 'freqtrade.md') if doc.exists()
              for block in re.findall(r'```json\n(.*?)```', doc.read_text(), re.DOTALL) if '"name": "satori"' in block]
    assert blocks, 'no freqtrade example config in README.md or docs/freqtrade.md'
    assert json.loads(blocks[0]) == json.loads(CONFIG.read_text())
