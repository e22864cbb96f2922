"""satori_ccxt/shapes.py is the one statement of what the readers read: these tests hold the readers and the table together.

The unified methods run against the simulator (both deployments) with every JSON
object of every answer replaced by one that notes each field a reader asks it for,
per endpoint and per place in the answer. A reader that asks for a field the table
does not name fails the first test; a field the table names that no reader asks
for fails the second. To reach the alternatives (``quantityDecimal`` after
``tradeDecimal`` ...) the methods run again with each field's value moved to its
next alternative, and fields read only in some states (a stop-loss price, a fee's
currency) are given those states.
"""

import json
from collections import defaultdict
from urllib.parse import urlsplit

import pytest

import satori_ccxt
from satori_ccxt import shapes
from satori_simulator import Simulator

from ..support.captured_answers import CAPTURES
from ..support.clients import at_url, exercise

# Values that make a reader read a field it reads only in that state.
STATES = {
    'trades': {'tradeFee': '0.01'},           # a fee's currency is read only where there is a fee
    'openOrders': {'triggerType': '1'},       # a trigger price only on a trigger order
    'queryOrder': {'triggerType': '1'},
    'orders/histories': {'triggerType': '1'},
    'positions': {'lossType': '1', 'profitType': '1'},   # stop prices only where a stop is set
}
MOVES = (0, 1, 2)   # how many alternatives each field's value is moved along


class Recording(dict):
    """A JSON object that notes every field a reader asks it for, as (endpoint, place in the answer, field)."""

    def __init__(self, fields, where, reads):
        super().__init__(fields)
        self._where, self._reads = where, reads

    def _note(self, key):
        self._reads[self._where].add(key)

    def __getitem__(self, key):
        self._note(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        self._note(key)
        return super().get(key, default)

    def __contains__(self, key):
        self._note(key)
        return super().__contains__(key)


def fields_at(shape, where) -> tuple:
    """The table's fields for the objects at ``where`` in ``shape``'s answer ('' is the envelope)."""
    answer = shape.answer
    if (where == 'data' and answer.data == shapes.OBJECT
            or where in ('data[]', 'data.records[]') and answer.data in (shapes.LIST, shapes.RECORDS)):
        return answer.fields
    if where.startswith('data.') and where.endswith('[]') and answer.data == shapes.OBJECT:
        name = where[len('data.'):-2]
        return next((field.items for field in answer.fields if field.names[0] == name and field.items), ())
    return ()


def names_at(shape, where) -> set:
    if where == '':
        return set(shapes.ENVELOPE_FIELDS)
    if where == 'data' and shape.answer.data == shapes.RECORDS:
        return set(shapes.PAGE_FIELDS)
    return {name for field in fields_at(shape, where) for name in field.names}


def moved(item, fields, steps) -> dict:
    """``item`` with each field's value moved ``steps`` alternatives on (never past the last), as a server naming it so would send it."""
    item = dict(item)
    for field in fields:
        last = min(steps, len(field.names) - 1)
        present = [name for name in field.names[:last + 1] if name in item]
        if last == 0 or not present:
            continue
        value = item[present[0]]
        for name in field.names[:last]:
            item.pop(name, None)
        item.setdefault(field.names[last], value)
    return item


def recorded(value, shape, where, reads, steps):
    if isinstance(value, list):
        return [recorded(item, shape, where + '[]', reads, steps) for item in value]
    if not isinstance(value, dict):
        return value
    fields = fields_at(shape, where)
    if fields:
        value = {**moved(value, fields, steps), **STATES.get(shape.name, {})}
    inner = {key: recorded(item, shape, f'{where}.{key}' if where else key, reads, steps) for key, item in value.items()}
    return Recording(inner, (shape.name, where), reads)


def reading_client(sim, reads, steps):
    """A client of ``sim`` whose every decoded answer notes what its readers read."""
    exchange = satori_ccxt.satori(at_url(sim.url, apiKey=sim.api_key, secret=sim.secret, enableRateLimit=False))
    asked = {}

    def on_rest_response(code, reason, url, method, headers, body, request_headers, request_body):
        asked['path'] = urlsplit(url).path.lstrip('/')
        return body

    def parse_json(text):
        shape = shapes.BY_PATH[asked['path']]
        return recorded(json.loads(text), shape, '', reads, steps)

    exchange.on_rest_response = on_rest_response
    exchange.parse_json = parse_json
    return exchange


@pytest.fixture(scope='module')
def reads():
    """(endpoint, place) -> the fields the readers asked for, over both deployments and every move."""
    found = defaultdict(set)
    for deployment in ('satori', 'later'):
        for steps in MOVES:
            with Simulator(seed=4, deployment=deployment) as sim:
                exercise(sim, reading_client(sim, found, steps))
    return found


def test_the_readers_read_no_field_the_shapes_table_does_not_name(reads):
    unnamed = {where: sorted(fields - names_at(shapes.BY_NAME[where[0]], where[1])) for where, fields in reads.items()}
    assert {where: fields for where, fields in unnamed.items() if fields} == {}


def test_every_field_the_shapes_table_names_is_read_by_a_reader(reads):
    places = {(shape.name, where) for shape in shapes.SHAPES
              for where in ('data', 'data[]', 'data.bids[]', 'data.asks[]') if fields_at(shape, where)}
    unread = {place: sorted(names_at(shapes.BY_NAME[place[0]], place[1]) - reads[place]) for place in places}
    assert {place: names for place, names in unread.items() if names} == {}
    envelope = set().union(*(fields for (_, where), fields in reads.items() if where == ''))
    assert envelope == set(shapes.ENVELOPE_FIELDS)


def test_every_endpoint_the_client_describes_has_a_shape():
    from satori_ccxt.describe import API
    described = {path for by_method in API.values() for paths in by_method.values() for path in paths}
    assert described == set(shapes.BY_PATH)


# ----- the kinds read what the readers read ---------------------------------------------------

SAMPLES = [None, True, False, 0, 1, 3, 18, 19, -1, 2.5, 1714988294487, 1714988294487.5, 10 ** 15, '', '0', '3', '2.5', '-0.5', '1e3',
           'abc', 'NaN', 'ETH-USD', 'ETH', '-USD', 'A-B-C', 'ET H-USD', 'ETH-US&D', '2024-09-09 07:41:34', '2024-02-30 00:00:00',
           '20240924070000', '1714988294487', [], {}]


@pytest.fixture(scope='module')
def reader():
    return satori_ccxt.satori()


READINGS = {
    'DECIMAL': lambda reader, value: reader._decimal({'k': value}, 'k'),
    'MS': lambda reader, value: reader._timestamp({'k': value}, 'k'),
    'ID': lambda reader, value: reader.safe_string({'k': value}, 'k'),
    'DECIMALS': lambda reader, value: reader._tick({'k': value}, ['k']),
    'BOOL': lambda reader, value: reader.safe_bool({'k': value}, 'k'),
    'PAIR': lambda reader, value: reader.parse_market({'symbol': value}),
    'UTC_TIME': lambda reader, value: reader._created({'createTime': value}),
    'MATCH_TYPE': lambda reader, value: reader.parse_order({'matchType': value})['timeInForce'],
    'POSITION_TYPE': lambda reader, value: reader.parse_position({'positionType': value})['marginMode'],
}


@pytest.mark.parametrize('kind', list(READINGS))
def test_a_value_the_probe_calls_held_is_one_the_readers_read(reader, kind):
    accepted = [value for value in SAMPLES if getattr(shapes, kind).read(reader, {'k': value}, 'k') is not None]
    assert accepted, kind
    assert [value for value in accepted if READINGS[kind](reader, value) is None] == []


# ----- checking an answer against its shape ---------------------------------------------------

def findings(reader, name, data) -> dict:
    return {finding.field: finding.found for finding in shapes.check(shapes.BY_NAME[name], data, reader).findings}


def test_each_way_the_items_of_a_list_differ_is_counted_on_its_own(reader):
    rates = [{'fundingRate': '0.1', 'fundingRateTime': '20240924070000'}, {'fundingRate': None, 'fundingRateTime': '20240924080000'},
             {'fundingRateTime': '20240924090000'}, {'fundingRate': 'x', 'fundingRateTime': '20240924100000'}]
    assert findings(reader, 'funding/history', rates) == {
        'fundingRate': "missing in 1 of 4 items; null in 1 of 4 items; the text 'x' in fundingRate in 1 of 4 items; "
                       'expected a number, or a string holding one'}


def test_items_that_are_not_objects_are_a_difference(reader):
    assert findings(reader, 'funding/history', [7, {'fundingRate': '0.1', 'fundingRateTime': '20240924070000'}]) == {
        'data[]': '1 of 2 items are not objects'}


def test_a_null_satori_sends_is_no_difference_and_any_other_null_is(reader):
    position = dict(CAPTURES['positions'].body['data'][0])
    assert position['unrealizedPnl'] is None and findings(reader, 'positions', [position]) == {}
    assert findings(reader, 'positions', [{**position, 'openingPrice': None}]) == {'openingPrice': 'null in 1 of 1 item'}


def test_an_optional_field_may_be_absent_but_not_unreadable(reader):
    pair = CAPTURES['pair_btc'].body
    assert 'maxLever' not in pair and findings(reader, 'pairs', [pair]) == {}
    assert findings(reader, 'pairs', [{**pair, 'maxLever': 'twenty'}]) == {
        'maxLever': "the text 'twenty' in maxLever in 1 of 1 item; expected a number, or a string holding one"}


def test_a_field_read_under_an_alternative_name_holds(reader):
    pair = {**CAPTURES['pair_btc'].body, 'quantityDecimal': 3}
    del pair['tradeDecimal']
    check = shapes.check(shapes.BY_NAME['pairs'], [pair], reader)
    assert check.findings == () and 'tradeDecimal or quantityDecimal' in check.held


def test_a_records_page_holds_where_the_package_reads_one_and_differs_where_it_reads_bare_lists_only(reader):
    orders = CAPTURES['openOrders'].body['data']
    assert findings(reader, 'openOrders', {'records': orders, 'total': 1}) == {}
    assert findings(reader, 'pairs', {'records': [CAPTURES['pair_btc'].body]}) == {
        'data': 'an object with records; expected a list'}


def test_the_levels_of_the_book_are_checked_one_by_one(reader):
    book = {'bids': [{'price': '1', 'quantity': '2'}, {'price': '1', 'quantity': 'a lot'}], 'asks': 'none'}
    assert findings(reader, 'depth', book) == {
        'bids[].quantity': "the text 'a lot' in quantity in 1 of 2 items; expected a number, or a string holding one",
        'asks': "the text 'none' in asks; expected a list"}


def test_a_special_answer_the_package_reads_holds_with_what_it_means(reader):
    check = shapes.check(shapes.BY_NAME['getUserLever'], None, reader)
    assert check.findings == () and check.note.startswith('no leverage known')
    assert findings(reader, 'cancelEntrust', False) == {'data': 'false; expected true'}
