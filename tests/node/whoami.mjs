// What TriplyDB.js makes of the environment that `triplydb-profile exec` gives it: the instance it
// derives from TRIPLYDB_TOKEN, the instance's name and the token's account, as one JSON line.
import App from "@triply/triplydb";

const app = App.get({ token: process.env.TRIPLYDB_TOKEN });
const info = await app.getInfo();
const account = await app.getAccount();
const accountInfo = await account.getInfo();
console.log(JSON.stringify({
  url: app.url,
  instanceName: info.branding?.name ?? null,
  accountName: accountInfo.accountName,
  type: accountInfo.type,
}));
