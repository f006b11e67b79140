// The tests start their own redis-server with the same launcher the bench uses.
export { startRedis, type RedisServer } from '../../engine/bench/privateRedis';
