// Drives Folio's api.php with mwn, as a bot would: log in, read, edit with a
// token, an edit conflict, recent changes and all pages with continuation,
// search, parse, move, delete. Run by server/mwapi_node_test.go:
//
//	node mwn.js http://127.0.0.1:PORT/api.php USER PASSWORD
//
// It prints "ok" and exits 0, or prints what failed and exits 1.
'use strict';
const { Mwn } = require('mwn');
const assert = require('node:assert/strict');

const [apiUrl, username, password] = process.argv.slice(2);

async function main() {
	const bot = await Mwn.init({
		apiUrl, username, password, silent: true, userAgent: 'folio-mwapi-test',
		maxRetries: 0, retryPause: 0, suppressAPIWarnings: true,
		defaultParams: { assert: 'user' },
	});
	assert.ok(bot.csrfToken.endsWith('+\\'), 'a csrf token after login');
	const me = await bot.userinfo({ uiprop: 'rights|groups' });
	assert.equal(me.name, username);

	// Create, read, edit with a token (mwn's edit sends basetimestamp and
	// starttimestamp from its read).
	const title = 'Mwn test page';
	const created = await bot.create(title, 'alpha\n\nbeta\n\ngamma zebra', 'created by mwn');
	assert.equal(created.result, 'Success');
	const r1 = created.newrevid;
	let page = await bot.read(title);
	assert.equal(page.revisions[0].content, 'alpha\n\nbeta\n\ngamma zebra');
	const edited = await bot.edit(title, (rev) => ({ text: rev.content.replace('gamma', 'GAMMA'), summary: 'edited by mwn' }));
	assert.equal(edited.result, 'Success');
	page = await bot.read(title, { rvprop: 'content|ids|timestamp|user|comment|size|sha1' });
	assert.equal(page.revisions[0].content, 'alpha\n\nbeta\n\nGAMMA zebra');
	assert.equal(page.revisions[0].user, username);
	assert.equal(page.revisions[0].comment, 'edited by mwn');
	assert.equal(page.revisions[0].contentmodel, 'markdown');

	// An edit based on the first revision that changes the same line: a
	// conflict, as MediaWiki's.
	await assert.rejects(
		bot.request({ action: 'edit', title, text: 'alpha\n\nbeta\n\ngamma zebra!', baserevid: r1, token: bot.csrfToken }),
		(err) => err.code === 'editconflict',
	);
	// One that changes another line merges.
	const merged = await bot.request({ action: 'edit', title, text: 'ALPHA\n\nbeta\n\ngamma zebra', baserevid: r1, token: bot.csrfToken });
	assert.equal(merged.edit.result, 'Success');
	assert.equal((await bot.read(title)).revisions[0].content, 'ALPHA\n\nbeta\n\nGAMMA zebra');
	// A stale token: mwn asks paraminfo for the module's token type,
	// fetches a fresh one and tries again.
	bot.setOptions({ maxRetries: 1 });
	bot.csrfToken = 'stale+\\';
	await bot.save('Mwn second page', 'Links to [[Mwn test page]].', 'second');
	assert.ok(bot.csrfToken !== 'stale+\\', 'a fresh token');
	bot.setOptions({ maxRetries: 0 });
	await bot.newSection('Mwn second page', 'A heading', 'A new section.');

	// Recent changes and all pages, continued two at a time.
	const rc = await bot.continuedQuery({ action: 'query', list: 'recentchanges', rclimit: 2, rcprop: 'title|ids|user|timestamp' }, 20);
	assert.ok(rc.length > 1, 'recent changes continue');
	const changes = rc.flatMap((r) => r.query.recentchanges);
	assert.ok(changes.length >= 5, `recent changes: ${changes.length}`);
	assert.equal(new Set(changes.map((c) => c.rcid)).size, changes.length, 'no change twice');
	const ap = await bot.continuedQuery({ action: 'query', list: 'allpages', aplimit: 2 }, 20);
	assert.ok(ap.length > 1, 'allpages continue');
	const titles = ap.flatMap((r) => r.query.allpages.map((p) => p.title));
	assert.deepEqual(titles, [...titles].sort(), 'allpages in order');
	assert.ok(titles.includes(title) && titles.includes('Mwn second page'), `allpages: ${titles}`);

	// Search, parse.
	const hits = await bot.search('zebra');
	assert.ok(hits.some((h) => h.title === title), `search: ${JSON.stringify(hits)}`);
	const html = await bot.parseTitle('Mwn second page');
	assert.match(html, /href="\/wiki\/Mwn_test_page"/);
	assert.match(await bot.parseWikitext('Some *emphasis*.'), /<em>emphasis<\/em>/);

	// Move and delete.
	const moved = await bot.move(title, 'Mwn moved page', 'a better name');
	assert.equal(moved.to, 'Mwn moved page');
	page = await bot.read('Mwn test page', { redirects: true });
	assert.equal(page.title, 'Mwn moved page');
	const deleted = await bot.delete('Mwn moved page', 'done');
	assert.equal(deleted.title, 'Mwn moved page');
	page = await bot.read('Mwn moved page');
	assert.ok(page.missing, 'deleted');
	await bot.logout();
}

main().then(() => console.log('ok'), (err) => {
	console.error('mwn:', err && (err.stack || err));
	process.exit(1);
});
