import { InMemoryConversationRepository } from '../../adapters/persistence/memory/in-memory-conversation-repository';
import { InMemoryUnitOfWork } from '../../adapters/persistence/memory/in-memory-unit-of-work';
import { MemoryDatabase } from '../../adapters/persistence/memory/memory-database';
import { MongoConversationRepository } from '../../adapters/persistence/mongo/mongo-conversation-repository';
import { describeConversationRepositoryContract, type ConversationStores } from './conversation-repository.contract';
import { COLLECTIONS } from '../../adapters/persistence/mongo/mongo-collections';
import { reserveConversation } from '../../domain/conversations/conversation';
import { describeMongoRepositoryTargets, oid, storedValues } from './care-repository-targets';

/**
 * The conversations context's repository contract on every target: the memory store, the Mongo adapter on the
 * in-process wire server, and on a real MongoDB when TEST_MONGODB_URL is set (skipped with the reason otherwise).
 */
describeConversationRepositoryContract('memory', () => {
  const db = new MemoryDatabase();
  return Promise.resolve({ uow: new InMemoryUnitOfWork(db), conversations: new InMemoryConversationRepository(db) });
});

describeMongoRepositoryTargets<ConversationStores>(
  'conversation repository',
  (database, uow) => ({ uow, conversations: new MongoConversationRepository(database) }),
  describeConversationRepositoryContract,
  (open) => {
    it('stores ids as ObjectIds, provider ids as given, the transcript embedded, and indexes the list', async () => {
      const { stores, db } = await open();
      const [org, patient, id, agent] = ['a', 'b', 'c', 'd'].map((c) => c.repeat(24));
      const reserved = reserveConversation({
        id,
        orgId: org,
        patientId: patient,
        language: 'en',
        callId: 'CA0123',
        callType: 'outbound',
        agentId: agent,
        now: new Date('2026-03-01T10:00:00Z'),
      });
      const message = {
        id: 'e'.repeat(24),
        orgId: org,
        conversationId: id,
        seq: 1,
        turnId: 'item_1',
        role: 'assistant' as const,
        messageType: 'assistant_response' as const,
        status: 'open' as const,
        content: '',
        audioStartMs: null,
        audioEndMs: null,
        source: 'call' as const,
        createdAt: new Date('2026-03-01T10:00:05Z'),
        updatedAt: new Date('2026-03-01T10:00:05Z'),
      };
      await stores.conversations.insert({ ...reserved, messages: [message] });
      const doc = await db.collection(COLLECTIONS.conversations).findOne({ _id: oid(id) });
      expect(doc).toMatchObject({ orgId: oid(org), patientId: oid(patient), callId: 'CA0123' });
      expect(doc?.call).toMatchObject({ agentId: oid(agent), lineItemId: null });
      expect(doc?.messages[0]).toMatchObject({ id: oid(message.id), orgId: oid(org), conversationId: oid(id) });
      expect(doc?.messages[0].createdAt).toBeInstanceOf(Date);
      expect(storedValues(doc)).not.toContain(undefined);
      const indexes = (await db.collection(COLLECTIONS.conversations).indexes()).map((index) => index.name);
      expect(indexes).toContain('conversations_patient_status');
      await expect(stores.conversations.insert({ ...reserved, id: 'conv-1' })).rejects.toThrow(/ObjectId/);
    });
  },
);
