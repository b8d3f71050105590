// Calls the fareflow Amadeus facade through the official Amadeus Node SDK, by host, and prints
// what the SDK returned as one JSON object: for each call its `data`, `meta` and the HTTP status,
// or the SDK's error code and description. Exits 0 when every call succeeded, 1 otherwise.
//
//   node facade_client.js <port> <clientId> <clientSecret> <origin> <destination> <departureDate>
//
// The test that runs it: tests/server/facade/sdk_test.cc.

'use strict';

let Amadeus;
try {
  Amadeus = require('amadeus');
} catch (e) {
  console.error('the Amadeus Node SDK is not installed: run `npm ci` in tests/sdk ' +
                '(scripts/install-deps does)');
  process.exit(2);
}
const http = require('http');

const [port, clientId, clientSecret, origin, destination, departureDate] = process.argv.slice(2);

// The SDK reads its options with `option || default`, and ssl's default is true: `ssl: false` is
// lost, and it would ask Node's http module for an https: URL. So the http module is given, and
// the client's `ssl` set after construction (the property the SDK's Validator writes).
const amadeus = new Amadeus({
  clientId,
  clientSecret,
  hostname: 'test',
  host: '127.0.0.1',
  port: Number(port),
  ssl: false,
  http,
});
amadeus.client.ssl = false;

async function call(name, request) {
  try {
    const response = await request();
    return {
      name,
      ok: true,
      status: response.statusCode,
      data: response.data,
      meta: response.result && response.result.meta,
    };
  } catch (error) {
    return {
      name,
      ok: false,
      code: error.code,
      status: error.response && error.response.statusCode,
      description: error.description,
    };
  }
}

async function main() {
  const results = [];
  results.push(await call('flightDates', () => amadeus.shopping.flightDates.get({
    origin,
    destination,
    departureDate,
    oneWay: true,
  })));
  results.push(await call('flightDestinations', () => amadeus.shopping.flightDestinations.get({
    origin,
    departureDate,
    oneWay: true,
  })));
  results.push(await call('flightOffersSearch', () => amadeus.shopping.flightOffersSearch.get({
    originLocationCode: origin,
    destinationLocationCode: destination,
    departureDate: departureDate.split(',')[0],
    adults: '1',
    max: '5',
  })));
  console.log(JSON.stringify(results));
  process.exit(results.every((r) => r.ok) ? 0 : 1);
}

main();
