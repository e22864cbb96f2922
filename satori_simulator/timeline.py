"""How the logged requests overlapped, from the order of their arrivals and answers alone (no clock).

Each ``RequestRecord`` carries ``received`` and ``answered``, places in one
sequence of the simulator's events. A client sends a request that depends on
an answer only after that answer went back, so:

- ``round_trips``: the longest chain of requests each received after the one
  before it was answered; with a latency L added to every request, a client
  needs at least that many times L, whatever it overlaps;
- ``peak_in_flight``: the most requests received and not yet answered at once.
"""


def _events(records):
    events = [(record.received, 1, index) for index, record in enumerate(records) if record.received is not None]
    events += [(record.answered, -1, index) for index, record in enumerate(records) if record.answered is not None]
    return sorted(events)


def round_trips(records) -> int:
    chain = {}
    longest_answered = 0
    for _, change, index in _events(records):
        if change > 0:
            chain[index] = longest_answered + 1
        else:
            longest_answered = max(longest_answered, chain.get(index, 0))
    return max(chain.values(), default=0)


def peak_in_flight(records) -> int:
    in_flight = peak = 0
    for _, change, _ in _events(records):
        in_flight += change
        peak = max(peak, in_flight)
    return peak
