package io.parley.conversations.internal;

import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.hibernate.search.backend.lucene.analysis.LuceneAnalysisConfigurationContext;
import org.hibernate.search.backend.lucene.analysis.LuceneAnalysisConfigurer;

/**
 * One analyzer for Chinese and English text: Lucene's smartcn segments Chinese into words ("蓝牙无法连接"
 * → 蓝牙 / 无法 / 连接) and lowercases and stems English, so either language finds its cases.
 */
public class SearchAnalysis implements LuceneAnalysisConfigurer {

  public static final String TEXT = "parley_text";

  @Override
  public void configure(LuceneAnalysisConfigurationContext context) {
    context.analyzer(TEXT).instance(new SmartChineseAnalyzer());
  }
}
