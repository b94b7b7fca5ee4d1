// Runs every benchmark in turn. Rerun: npm run bench
await import('./startup.js');
console.log('');
await import('./api-load.js');
console.log('');
await import('./evaluation.js');
console.log('');
await import('./responsiveness.js');
