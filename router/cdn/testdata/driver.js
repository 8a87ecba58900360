// The parity tests' driver for the generated viewer-request function. The
// test runs, under Node and under njs (the engine of CloudFront Functions),
// one script: the function's code, then "var CASES = [...]", then this
// file, written for both (ES5). A case is {method, uri, query}, query raw
// without '?'. For each case it prints one JSON line: {status, location,
// cacheControl} when the function answered, else {uri, query, before}
// (before: the query as it came in), and always {decision}: what decide()
// returned.

// querystring builds CloudFront's querystring object from a raw query:
// names and values as sent, the first value in value, every value in
// multiValue when there are several.
function querystring(raw) {
  var qs = {};
  raw.split('&').forEach(function (pair) {
    if (pair === '') return;
    var i = pair.indexOf('=');
    var name = i < 0 ? pair : pair.slice(0, i), value = i < 0 ? '' : pair.slice(i + 1);
    if (!Object.prototype.hasOwnProperty.call(qs, name)) {
      qs[name] = {value: value};
      return;
    }
    var e = qs[name];
    if (!e.multiValue) e.multiValue = [{value: e.value}];
    e.multiValue.push({value: value});
  });
  return qs;
}

function rawQuery(qs) {
  var out = [];
  Object.keys(qs || {}).forEach(function (name) {
    (qs[name].multiValue || [qs[name]]).forEach(function (v) { out.push(name + '=' + v.value); });
  });
  return out.join('&');
}

CASES.forEach(function (c) {
  var qs = querystring(c.query), before = rawQuery(qs);
  var res = {decision: decide(c.method, c.uri, querystring(c.query))};
  var r = handler({
    version: '1.0',
    context: {eventType: 'viewer-request'},
    viewer: {ip: '192.0.2.1'},
    request: {method: c.method, uri: c.uri, querystring: qs, headers: {}, cookies: {}}
  });
  if (r.statusCode !== undefined) {
    res.status = r.statusCode;
    res.location = r.headers.location.value;
    res.cacheControl = r.headers['cache-control'].value;
  } else {
    res.uri = r.uri;
    res.query = rawQuery(r.querystring);
    res.before = before;
  }
  console.log(JSON.stringify(res));
});
