import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

import { TemplateType } from '@logto/connector-kit';

import type * as Send from '../src/send.js';
import { signTc3 } from '../src/signing/sign.js';
import type { TransportFetch } from '../src/transport/create-fetch.js';
import type * as Utils from '../src/utils.js';

import { benchAccount, benchMessage, connectorConfig } from './candidates/config.js';
import { loadCandidate, type Sender } from './candidates/index.js';
import { signedSendSmsHeaders } from './candidates/signed-headers.js';
import { tencentHost } from './host.js';

const fromLib = async <T>(path: string) => (await import(pathToFileURL(resolve('lib', path)).href)) as T;

/**
 * sendMessage's own steps (config check, number, template, signing, redaction, answer checks)
 * with the transport called directly where the connector calls ky: what the send would cost if ky
 * left the send path. Built from the connector's modules, so only the HTTP call differs (and the
 * lazy module load and sendMessage's wrappers, a few µs).
 */
const withoutKy = async (transportFetch: TransportFetch) => {
  const { readConfig } = await fromLib<typeof Utils>('utils.js');
  const { requestFor, resultOf } = await fromLib<typeof Send>('send.js');
  const raw = connectorConfig([{ usageType: 'Generic' }]);
  const refuse = async () => Promise.reject(new Error('config is passed in'));
  return async () => {
    const config = await readConfig(raw, refuse);
    const request = requestFor(config, { ...benchMessage, type: TemplateType.SignIn });
    const response = await transportFetch(request.url, {
      method: 'POST',
      headers: request.headers,
      bodyBytes: request.body,
      timeoutMs: 10_000,
    });
    return resultOf({ status: response.status, text: await response.text() }, config);
  };
};

type Layer = { readonly name: string; readonly send: () => Promise<unknown> };

const url = `https://${tencentHost}/`;
const body = JSON.stringify({
  PhoneNumberSet: ['+8613012345678'],
  SmsSdkAppId: benchAccount.sdkAppId,
  TemplateId: benchAccount.templateCode,
  TemplateParamSet: ['123456'],
  SignName: benchAccount.signName,
});

/** Signed SendSms headers, as the connector would send them. */
const signedHeaders = () => signedSendSmsHeaders(signTc3, body);

const fromCandidate = async (id: 'ours' | 'official' | 'floor'): Promise<Sender> => {
  const candidate = await loadCandidate(id);
  return candidate.setup(await candidate.importModule());
};

/**
 * The send path of this connector cut into layers, each measured in the same process and
 * interleaved with the others so that a busy machine hits them alike: the floor, the transport
 * alone (with an init object, then with a Request as ky hands it), ky on the transport (called the
 * usual way, then as the connector calls it), the whole sendMessage, the same send with ky taken
 * out (what dropping ky would save), and the official connector for scale. The differences say
 * where the CPU goes.
 */
export const measureLayers = async (rounds: number, perRound: number, warmupPerLayer: number) => {
  const ky = (await import('ky')).default;
  const { transportFetch } = await fromLib<{ transportFetch: TransportFetch }>('http/fetch.js');
  const bodyBytesOnce = new TextEncoder().encode(body);
  const layers: Layer[] = [
    { name: 'floor (signTc3 + node:https)', send: (await fromCandidate('floor')).send },
    {
      name: 'transportFetch(url, init) + text()',
      send: async () => (await transportFetch(url, { method: 'POST', headers: signedHeaders(), body })).text(),
    },
    {
      name: 'transportFetch(new Request) + text()',
      send: async () =>
        (await transportFetch(new Request(url, { method: 'POST', headers: signedHeaders(), body }))).text(),
    },
    {
      name: 'ky.post on transportFetch, body and timeout given to ky + text()',
      send: async () =>
        (
          await ky.post(url, { body, headers: signedHeaders(), fetch: transportFetch, retry: 0, timeout: 10_000, throwHttpErrors: false })
        ).text(),
    },
    {
      // As src/http/post.ts calls it: bytes and deadline passed through ky to the transport.
      name: 'ky.post on transportFetch as the connector calls it + text()',
      send: async () => {
        const options = { bodyBytes: bodyBytesOnce, headers: signedHeaders(), fetch: transportFetch, retry: 0, timeout: false as const, timeoutMs: 10_000, throwHttpErrors: false };
        return (await ky.post(url, options)).text();
      },
    },
    { name: 'this connector: sendMessage', send: (await fromCandidate('ours')).send },
    { name: 'this connector\'s steps with ky taken out (transport called directly)', send: await withoutKy(transportFetch) },
    { name: 'official connector: sendMessage', send: (await fromCandidate('official')).send },
  ];
  const best = new Map<string, number>();
  // Thousands of sends each before measuring: until V8 has optimised the hot code, background
  // compilation adds more CPU than some layers cost (see bench/README.md).
  for (const layer of layers) {
    for (let index = 0; index < warmupPerLayer; index += 1) {
      await layer.send();
    }
  }
  for (let round = 0; round < rounds; round += 1) {
    for (const layer of layers) {
      const before = process.cpuUsage();
      for (let index = 0; index < perRound; index += 1) {
        await layer.send();
      }
      const used = process.cpuUsage(before);
      const micros = (used.user + used.system) / perRound;
      best.set(layer.name, Math.min(best.get(layer.name) ?? Infinity, micros));
    }
  }
  return Object.fromEntries(best);
};
