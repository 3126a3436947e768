package io.parley.conversations.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the conversations module ({@code parley.conversations.*}).
 *
 * @param publicUrl the address customers reach Parley at, used in satisfaction survey links
 * @param attachmentDir where attachment bytes are stored
 * @param maxAttachmentSize the largest file accepted
 * @param maxAttachmentsPerMessage how many files one message may carry
 */
@ConfigurationProperties("parley.conversations")
public record ConversationsProperties(
    @DefaultValue("http://localhost:8080") String publicUrl,
    @DefaultValue("./data/attachments") String attachmentDir,
    @DefaultValue("10MB") DataSize maxAttachmentSize,
    @DefaultValue("5") int maxAttachmentsPerMessage) {}
