"""The simulator in a process of its own, for benchmarks: the CPU time they measure is then the client's alone."""

import os
import socket
import subprocess
import sys

import requests


class SimulatorProcess:
    def __enter__(self):
        with socket.socket() as probe:
            probe.bind(('127.0.0.1', 0))
            self.port = probe.getsockname()[1]
        self.url = f'http://127.0.0.1:{self.port}'
        self.process = subprocess.Popen([sys.executable, '-m', 'satori_ccxt.cli', 'simulate', '--port', str(self.port)],
                                        stdout=subprocess.PIPE, text=True, env={**os.environ, 'PYTHONUNBUFFERED': '1'})
        self.credentials = {}
        for line in self.process.stdout:
            if line.strip().startswith('SATORI_'):
                name, value = line.split()[0].split('=', 1)
                self.credentials[{'SATORI_API_KEY': 'apiKey', 'SATORI_SECRET': 'secret'}[name]] = value
            if line.startswith('try:'):
                break
        self.admin = requests.Session()
        return self

    def __exit__(self, *exc_info):
        self.process.terminate()
        self.process.wait(timeout=10)

    def open_orders(self, count):
        return [self.admin.post(self.url + '/__sim/orders', json={'price': str(1000 + index % 500), 'quantity': '0.01'}).json()['orderId']
                for index in range(count)]

    def request_count(self):
        return self.admin.get(self.url + '/__sim/state').json()['requestCount']
