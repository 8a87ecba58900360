// Drives Folio's api.php with nodemw (formatversion 1, its old login
// flow): log in, read a page, edit it, read it again. Run by
// server/mwapi_node_test.go:
//
//	node nodemw.js PORT USER PASSWORD
'use strict';
const Bot = require('nodemw');
const assert = require('node:assert/strict');
const { promisify } = require('node:util');

const [port, username, password] = process.argv.slice(2);

async function main() {
	const client = new Bot({ protocol: 'http', server: '127.0.0.1', port: Number(port), path: '', debug: false });
	const call = (name, ...args) => promisify(client[name]).apply(client, args);
	const login = await call('logIn', username, password);
	assert.equal(login.lgusername, username);
	const title = 'Nodemw test page';
	await call('edit', title, 'First text from nodemw.', 'created by nodemw');
	assert.equal(await call('getArticle', title), 'First text from nodemw.');
	const res = await call('edit', title, 'Second text from nodemw.', 'edited by nodemw');
	assert.equal(res.result, 'Success');
	assert.equal(await call('getArticle', title), 'Second text from nodemw.');
	await call('append', title, '\n\nAppended.', 'appended by nodemw');
	assert.equal(await call('getArticle', title), 'Second text from nodemw.\n\nAppended.');
}

main().then(() => console.log('ok'), (err) => {
	console.error('nodemw:', err && (err.stack || err));
	process.exit(1);
});
