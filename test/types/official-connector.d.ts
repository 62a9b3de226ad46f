// The official connector ships JavaScript only; tests and the bench only need its factory.
declare module '@logto/connector-tencent-sms' {
  const createConnector: (options: { getConfig: (id: string) => Promise<unknown> }) => Promise<unknown>;
  export default createConnector;
}
